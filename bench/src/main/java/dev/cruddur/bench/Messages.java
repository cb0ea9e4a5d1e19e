package dev.cruddur.bench;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Crud texts that look like people wrote them closely enough for a benchmark: words of varied
 * length, some punctuation, a few emoji and accented words (so lengths are counted in code points,
 * not chars), and now and then an ordinary hashtag. Lengths run from 1 to 280 code points, most
 * of them short, as on any micro-blog.
 *
 * <p>The known hashtags ({@link GeneratorOptions#HASHTAG} and the others there) are only ever
 * added on purpose: no word here contains them, so their counts in the data are exactly the
 * counts the generator chose.
 */
final class Messages {

    static final int MAX_CODE_POINTS = 280;

    private static final String[] WORDS = (
            "the a to and of in is it you that for on was with be this have are at not but just so "
            + "we my they what all like out up about your get today time day going one more new now "
            + "really good great think know people love work week coffee code deploy ship bug fix "
            + "test build cloud server database query index latency fast slow finally again never "
            + "always maybe morning night weekend team meeting lunch rain sun city train book music "
            + "café naïve résumé déjà vu über piñata straße zoë crème brûlée "
            + "postgres java lambda container docker cognito bucket serverless frontend backend "
            + "why how who when where here there then than because though while still also even "
            + "self-destructs tomorrow yesterday weeks hours minutes seconds launch review release").split(" ");

    private static final String[] TAGS = {
        "#java", "#postgres", "#aws", "#devops", "#coffee", "#mondays", "#cloud", "#bootcamp",
        "#serverless", "#til", "#opensource", "#buildinpublic", "#week4", "#rds", "#jvm"
    };

    private static final String[] EMOJI = {"🚀", "🔥", "☕", "🎉", "😅", "👍", "🐘", "✨"};

    private static final String[] ENDINGS = {".", "!", "?", "...", "", "", "", " :)"};

    private final SplittableRandom random;

    Messages(SplittableRandom random) {
        this.random = random;
    }

    /** A message of 1–280 code points, with each of the known hashtags given. */
    String next(List<String> tags) {
        int length = length();
        if (!tags.isEmpty()) {
            String tag = String.join(" ", tags);
            int room = length - tag.length() - 1;
            if (room < 1) {
                return tag;
            }
            // The tags go first or last: whole words, as search requires.
            String text = text(room);
            return random.nextInt(3) == 0 ? tag + " " + text : text + " " + tag;
        }
        return text(length);
    }

    /** Mostly short, some medium, a few up to the limit: 25% up to 40, 50% up to 140, 25% up to 280. */
    private int length() {
        int bucket = random.nextInt(4);
        return switch (bucket) {
            case 0 -> 1 + random.nextInt(40);
            case 1, 2 -> 40 + random.nextInt(101);
            default -> 140 + random.nextInt(MAX_CODE_POINTS - 140 + 1);
        };
    }

    /** Words up to exactly {@code maxCodePoints}, cut on a code point boundary, never blank. */
    private String text(int maxCodePoints) {
        StringBuilder text = new StringBuilder(maxCodePoints * 2);
        int codePoints = 0;
        boolean sentenceStart = true;
        while (codePoints < maxCodePoints) {
            String word = word();
            if (sentenceStart && Character.isLowerCase(word.charAt(0))) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            sentenceStart = false;
            if (random.nextInt(9) == 0) {
                String ending = ENDINGS[random.nextInt(ENDINGS.length)];
                word += ending;
                sentenceStart = !ending.isEmpty();
            }
            if (codePoints > 0) {
                text.append(' ');
                codePoints++;
            }
            text.append(word);
            codePoints += word.codePointCount(0, word.length());
        }
        if (codePoints > maxCodePoints) {
            text.setLength(text.offsetByCodePoints(0, maxCodePoints));
        }
        String result = text.toString().stripTrailing();
        return result.isEmpty() ? "ok" : result;
    }

    private String word() {
        int kind = random.nextInt(100);
        if (kind < 3) {
            return EMOJI[random.nextInt(EMOJI.length)];
        }
        if (kind < 6) {
            return TAGS[random.nextInt(TAGS.length)];
        }
        return WORDS[random.nextInt(WORDS.length)];
    }
}
