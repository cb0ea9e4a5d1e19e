package dev.cruddur.activity;

import java.util.UUID;

/**
 * One person's like or repost of a crud, given or taken back.
 *
 * @param adds true to mark, false to take the mark back
 */
record Mark(UUID userUuid, Reaction kind, boolean adds) {

    /** Two marks of one person and kind do not commute: the later one must be written after. */
    boolean sameMarkerAndKind(Mark other) {
        return userUuid.equals(other.userUuid) && kind == other.kind;
    }
}
