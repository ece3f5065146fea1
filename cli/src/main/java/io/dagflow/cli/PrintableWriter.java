package io.dagflow.cli;

import io.dagflow.report.Printable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything a command prints goes through this: ids, names, values and messages may come from
 * files, streams or the command line, and a control character among them must show as an escape
 * instead of acting on the terminal. Line breaks and tabs, which the command itself writes, pass.
 */
final class PrintableWriter extends FilterWriter {

    PrintableWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        out.write(Printable.lines(String.valueOf((char) c)));
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        out.write(Printable.lines(new String(chars, offset, length)));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(Printable.lines(text.substring(offset, offset + length)));
    }
}
