package io.dagflow.cli;

import io.dagflow.handler.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Packages a custom handler the way users do: its class and a META-INF/services entry, in a jar. */
final class HandlerJar {

    private HandlerJar() {
    }

    static Path build(Path dir, Class<? extends Handler> handler) throws IOException {
        Path jar = dir.resolve(handler.getSimpleName() + ".jar");
        String classFile = handler.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                InputStream bytes = handler.getClassLoader().getResourceAsStream(classFile)) {
            if (bytes == null) {
                throw new IOException("no class file " + classFile + " on the test class path");
            }
            out.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(out);
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/" + Handler.class.getName()));
            out.write((handler.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
