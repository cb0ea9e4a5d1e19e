package dev.cruddur.activity;

import java.util.UUID;

/**
 * One person's like or repost of a crud, given or taken back.
 *
 * @param adds true to mark, false to take the mark back
 */
record Mark(UUID userUuid, Reaction kind, boolean adds) {

    /** Two marks of one person and kind must be written in the order they came, in two statements. */
    boolean sameMarkerAndKind(Mark other) {
        return userUuid.equals(other.userUuid) && kind == other.kind;
    }
}
