package dev.cruddur.message;

import dev.cruddur.activity.MessageText;
import dev.cruddur.activity.Ttl;
import dev.cruddur.database.WriteBatches;
import dev.cruddur.error.ForbiddenException;
import dev.cruddur.error.NotFoundException;
import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import dev.cruddur.user.Handle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Sends a direct message: 1–1,024 characters that self-destruct like a crud, to a person by handle
 * (starting their conversation, or continuing the one the two have) or into a conversation the
 * sender is in.
 *
 * <p>The messages sent at the same moment are written together, in one statement and one commit
 * ({@link WriteBatches}, MessageDao/send.sql), which also names each sender for the answer (they
 * are known here by uuid only). One at a time a send would pay a whole statement and a commit:
 * the sends of a busy server would queue for them, and the database would spend most of its time
 * on them rather than on the messages. All of a server's messages go through one line, so one
 * statement writes messages at a time: two lines, measured, made smaller statements and fewer
 * messages a second (docs/benchmarks.md). A person's messages are written in the order they were
 * sent.
 */
public final class SendMessage {

    public static final int MAX_CODE_POINTS = 1_024;
    public static final Ttl DEFAULT_TTL = Ttl.SEVEN_DAYS;

    /** Most messages in one statement: bounds its size, and how long the messages behind it wait. */
    static final int MOST_IN_ONE = 64;
    /** The one line's key. */
    private static final String LINE = "messages";

    private final WriteBatches<String, MessageDao.Outgoing, MessageDao.Sent> line;

    public SendMessage(Jdbi jdbi) {
        // One statement in autocommit: the messages commit together, and answer as they were written.
        this.line = new WriteBatches<>(MOST_IN_ONE, WriteBatches.Companions.any(),
                (key, sends) -> jdbi.withHandle(h -> new MessageDao(h).send(sends)));
    }

    /**
     * @param ttl              one of {@link Ttl#codes()}; null: {@link #DEFAULT_TTL}
     * @param handle           the recipient's handle, or null when {@code messageGroupUuid} is given
     * @param messageGroupUuid a conversation of the sender's, or null when {@code handle} is given
     * @throws ValidationException listing every problem with the input at once (nothing is sent)
     * @throws ValidationException {@code message_to_self} when the handle is the sender's own, found
     *                             by the send itself once the rest of the input is valid
     * @throws NotFoundException   {@code user_not_found}, {@code message_group_not_found} (also for
     *                             someone else's conversation, or an id that is not one)
     * @throws ForbiddenException  {@code messages_not_accepted} when the recipient does not accept
     *                             messages from the sender (nothing is stored)
     */
    public Message send(UUID senderUuid, String message, String ttl, String handle, String messageGroupUuid) {
        List<Violation> violations = new ArrayList<>();
        String text = null;
        try {
            text = MessageText.validate(message, "message", MAX_CODE_POINTS);
        } catch (ValidationException e) {
            violations.addAll(e.violations());
        }
        Optional<Ttl> lifetime = ttl == null ? Optional.of(DEFAULT_TTL) : Ttl.fromCode(ttl);
        if (lifetime.isEmpty()) {
            violations.add(new Violation("ttl_invalid", "ttl",
                    "Choose when the message expires: one of " + String.join(", ", Ttl.codes()) + "."));
        }
        boolean byHandle = handle != null && !handle.isEmpty();
        boolean byGroup = messageGroupUuid != null && !messageGroupUuid.isEmpty();
        if (byHandle == byGroup) {
            violations.add(new Violation("recipient_invalid", byHandle ? "message_group_uuid" : "handle",
                    "Say whom the message is for: either 'handle' (a person) or 'message_group_uuid' (a conversation), not both."));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        UUID group = null;
        if (byHandle) {
            if (!Handle.isWellFormed(handle)) {
                throw userNotFound();
            }
        } else {
            group = MessageIds.parse(messageGroupUuid).orElseThrow(Conversations::notFound);
        }
        MessageDao.Sent sent = line.write(LINE, new MessageDao.Outgoing(senderUuid, byHandle ? handle : null, group, text,
                lifetime.get().duration().toSeconds()));
        if (sent.senderHandle() == null) {
            throw new ForbiddenException("user_not_registered", "Your account has no Cruddur profile.");
        }
        if (sent.recipientUuid() == null) {
            throw byHandle ? userNotFound() : Conversations.notFound();
        }
        if (sent.recipientUuid().equals(senderUuid)) {
            throw new ValidationException("message_to_self", "handle", "You cannot send a message to yourself.");
        }
        if (!sent.accepted()) {
            throw new ForbiddenException("messages_not_accepted",
                    "This person accepts messages only from people they follow.");
        }
        MessageDao.Written w = sent.written();
        return new Message(w.uuid(), w.messageGroupUuid(), w.seq(), sent.senderHandle(), sent.senderDisplayName(), w.message(),
                w.createdAt(), w.expiresAt(), true);
    }

    private static NotFoundException userNotFound() {
        return new NotFoundException("user_not_found", "No user has that handle.");
    }
}
