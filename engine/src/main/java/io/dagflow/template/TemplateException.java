package io.dagflow.template;

/** A template that cannot be resolved; the message names the template and what is missing. */
public class TemplateException extends Exception {

    private final String template;

    public TemplateException(String template, String message) {
        super(message);
        this.template = template;
    }

    public String template() {
        return template;
    }
}
