package coop.architecture;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code coop} classes a class file names, read from its constant pool: class entries and the descriptors and
 * signatures of fields, methods and lambdas (JDK 21 has no class-file API yet, and ArchUnit is not in the offline
 * repository this project builds from).
 */
final class ClassFileNames {

    private static final Pattern COOP_NAME = Pattern.compile("coop/[A-Za-z0-9_/$]+");

    private ClassFileNames() {
    }

    /** Outer class names, dotted; nested classes count as their outer class. */
    static Set<String> referencedClasses(byte[] classFile) throws IOException {
        Set<String> names = new TreeSet<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> collect(in.readUTF(), names); // Utf8: class names, descriptors, signatures
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return names;
    }

    private static void collect(String utf8, Set<String> names) {
        Matcher matcher = COOP_NAME.matcher(utf8);
        while (matcher.find()) {
            String name = matcher.group();
            if (matcher.start() > 0 && Character.isLetterOrDigit(utf8.charAt(matcher.start() - 1))) {
                continue; // part of another word, not a class name
            }
            int nested = name.indexOf('$');
            String outer = (nested < 0 ? name : name.substring(0, nested)).replace('/', '.');
            if (outer.lastIndexOf('.') > "coop".length() - 1 && Character.isUpperCase(
                    outer.charAt(outer.lastIndexOf('.') + 1))) {
                names.add(outer);
            }
        }
    }
}
