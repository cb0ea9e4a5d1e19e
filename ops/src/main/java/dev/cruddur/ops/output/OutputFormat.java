package dev.cruddur.ops.output;

/** How a command prints its result: a table for people, JSON for scripts ({@code --output json}). */
public enum OutputFormat {
    TABLE, JSON
}
