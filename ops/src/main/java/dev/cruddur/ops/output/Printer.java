package dev.cruddur.ops.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints a command's result as a table or as JSON. Results are records: their components are the
 * columns (table) or the fields (JSON, snake_case). In JSON mode only the result goes to standard
 * output, so a script can parse it; progress and advice go to standard error instead.
 */
public final class Printer {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final OutputFormat format;
    private final PrintWriter out;
    private final PrintWriter err;

    public Printer(OutputFormat format, PrintWriter out, PrintWriter err) {
        this.format = format;
        this.out = out;
        this.err = err;
    }

    public OutputFormat format() {
        return format;
    }

    /** A list of results: one row (table) or one JSON object each. */
    public void rows(List<? extends Record> rows, Class<? extends Record> type) {
        if (format == OutputFormat.JSON) {
            json(rows);
            return;
        }
        if (rows.isEmpty()) {
            // A header over nothing tells people nothing; the command says in words that there is nothing.
            return;
        }
        RecordComponent[] columns = type.getRecordComponents();
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            header[i] = heading(columns[i].getName());
        }
        cells.add(header);
        for (Record row : rows) {
            String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                line[i] = text(value(row, columns[i]));
            }
            cells.add(line);
        }
        int[] widths = new int[columns.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == line.length - 1 ? line[i] : pad(line[i], widths[i] + 2));
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }

    /** One result: "name: value" lines (table) or one JSON object. */
    public void record(Record result) {
        if (format == OutputFormat.JSON) {
            json(result);
            return;
        }
        RecordComponent[] fields = result.getClass().getRecordComponents();
        int width = 0;
        for (RecordComponent field : fields) {
            width = Math.max(width, heading(field.getName()).length());
        }
        for (RecordComponent field : fields) {
            out.println(pad(heading(field.getName()) + ":", width + 2) + text(value(result, field)));
        }
        out.flush();
    }

    /** A line for people: standard output for tables, standard error in JSON mode. */
    public void say(String line) {
        PrintWriter target = format == OutputFormat.JSON ? err : out;
        target.println(line);
        target.flush();
    }

    /** Progress while waiting (always standard error, so it never mixes with a result). */
    public void progress(String line) {
        err.println(line);
        err.flush();
    }

    private void json(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the result as JSON", e);
        }
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            java.lang.reflect.Method accessor = component.getAccessor();
            // Result records are usually package-private to their command.
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not read " + component.getName(), e);
        }
    }

    private static String text(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(Printer::text).orElse("-");
        }
        if (value == null) {
            return "-";
        }
        if (value instanceof Boolean flag) {
            return flag ? "yes" : "no";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "-" : String.join(", ", list.stream().map(Printer::text).toList());
        }
        return value.toString();
    }

    // availabilityZone -> AVAILABILITY ZONE
    private static String heading(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
