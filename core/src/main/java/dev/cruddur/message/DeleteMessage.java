package dev.cruddur.message;

import dev.cruddur.error.ForbiddenException;
import dev.cruddur.error.NotFoundException;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Its sender takes back a direct message: it goes for both people at once. */
public final class DeleteMessage {

    private final Jdbi jdbi;

    public DeleteMessage(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @throws NotFoundException  {@code message_not_found} when it does not exist, has expired, or
     *                            is in a conversation the person is not in (the same answer)
     * @throws ForbiddenException {@code not_message_sender} for the other person's message in the
     *                            person's own conversation (nothing is deleted)
     */
    public void delete(UUID userUuid, UUID messageUuid) {
        // Two statements in one transaction: the first locks the conversation, so the second
        // recomputes both people's rows from every message there is (see lockForDelete.sql).
        jdbi.useTransaction(h -> {
            MessageDao dao = new MessageDao(h);
            MessageDao.Target target = dao.lockForDelete(userUuid, messageUuid).orElseThrow(DeleteMessage::notFound);
            if (!target.senderUuid().equals(userUuid)) {
                throw new ForbiddenException("not_message_sender", "Only its sender can delete a message.");
            }
            dao.deleteMessage(messageUuid, target.messageGroupUuid(), userUuid);
        });
    }

    public static NotFoundException notFound() {
        return new NotFoundException("message_not_found", "There is no message with that id.");
    }
}
