package dev.cruddur.bench;

import java.util.SplittableRandom;

/**
 * Names, handles and emails for generated users. Handles follow the schema's rule
 * (1–30 of {@code A-Za-z0-9_}) and end in the user's number, so they are unique ignoring case
 * without asking the database.
 */
final class People {

    private static final String[] FIRST = {
        "ada", "alan", "grace", "linus", "barbara", "ken", "dennis", "margaret", "edsger", "donald",
        "frances", "john", "radia", "tim", "guido", "james", "anita", "sophie", "yukihiro", "bjarne",
        "mary", "niklaus", "hedy", "katherine", "andrew", "amara", "wei", "priya", "diego", "olu"
    };

    private static final String[] LAST = {
        "lovelace", "turing", "hopper", "torvalds", "liskov", "thompson", "ritchie", "hamilton",
        "dijkstra", "knuth", "allen", "mccarthy", "perlman", "lee", "rossum", "gosling", "borg",
        "wilson", "matsumoto", "stroustrup", "shaw", "wirth", "lamarr", "johnson", "brown", "okafor",
        "zhang", "patel", "garcia", "adeyemi"
    };

    /** One generated person. */
    record Person(String handle, String displayName, String email) {
    }

    private final SplittableRandom random;

    People(SplittableRandom random) {
        this.random = random;
    }

    Person person(int number) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String handle = switch (random.nextInt(3)) {
            case 0 -> first + "_" + last + number;
            case 1 -> capitalise(first) + capitalise(last) + number;
            default -> first + number;
        };
        if (handle.length() > 30) {
            handle = "user" + number;
        }
        return new Person(handle, capitalise(first) + " " + capitalise(last), handle.toLowerCase() + "@example.com");
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
