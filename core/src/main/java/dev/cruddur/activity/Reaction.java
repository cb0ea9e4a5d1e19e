package dev.cruddur.activity;

/** What one person can leave on a crud, at most once of each kind. */
public enum Reaction {
    LIKE("like"),
    REPOST("repost");

    private final String column;

    Reaction(String column) {
        this.column = column;
    }

    /** How {@code reactions.kind} holds it, and how the API's paths name it ({@code /like}, {@code /repost}). */
    public String column() {
        return column;
    }
}
