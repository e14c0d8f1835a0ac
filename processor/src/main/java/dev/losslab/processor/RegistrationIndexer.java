package dev.losslab.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Indexes every {@code public static final} field annotated
 * {@code @dev.losslab.core.registry.Registered}: one {@code binary.class.Name#FIELD} line in
 * {@code META-INF/losslab/index/TYPE}, TYPE being the field's erased type (e.g.
 * {@code dev.losslab.core.registry.Component}), so the registry and the reproductions find every
 * declaration of a jar without a hand-kept list.
 *
 * <p>An incremental compiler may process only some sources: lines already in an index are kept
 * when their field still exists and still carries the annotation, and dropped otherwise.
 */
@SupportedAnnotationTypes(RegistrationIndexer.ANNOTATION)
public final class RegistrationIndexer extends AbstractProcessor {
    static final String ANNOTATION = "dev.losslab.core.registry.Registered";
    static final String INDEX_FOLDER = "META-INF/losslab/index/";

    /** Erased field type → index lines. */
    private final Map<String, Set<String>> entries = new TreeMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element e : round.getElementsAnnotatedWith(annotation)) {
                add(e);
            }
        }
        if (round.processingOver()) {
            for (Map.Entry<String, Set<String>> index : entries.entrySet()) {
                keepStillValid(index.getValue(), previous(index.getKey()));
                write(index.getKey(), index.getValue());
            }
        }
        return true;
    }

    private void add(Element e) {
        if (e.getKind() != ElementKind.FIELD || !e.getModifiers().containsAll(Set.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL))) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "@Registered belongs on a public static final field", e);
            return;
        }
        TypeElement owner = (TypeElement) e.getEnclosingElement();
        String type = processingEnv.getTypeUtils().erasure(e.asType()).toString();
        entries.computeIfAbsent(type, t -> new TreeSet<>()).add(processingEnv.getElementUtils().getBinaryName(owner) + "#" + e.getSimpleName());
    }

    private Set<String> previous(String type) {
        Set<String> lines = new TreeSet<>();
        try {
            FileObject old = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", INDEX_FOLDER + type);
            try (BufferedReader r = new BufferedReader(old.openReader(true))) {
                r.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(lines::add);
            }
        } catch (IOException | IllegalArgumentException missing) {
            // first build: nothing to keep
        }
        return lines;
    }

    private void keepStillValid(Set<String> kept, Set<String> lines) {
        for (String line : lines) {
            int hash = line.indexOf('#');
            TypeElement owner = hash < 0 ? null : processingEnv.getElementUtils().getTypeElement(line.substring(0, hash).replace('$', '.'));
            if (owner == null) {
                continue;
            }
            String field = line.substring(hash + 1);
            boolean stillAnnotated = owner.getEnclosedElements().stream()
                    .filter(m -> m instanceof VariableElement && m.getSimpleName().contentEquals(field))
                    .anyMatch(m -> m.getAnnotationMirrors().stream().anyMatch(a -> a.getAnnotationType().toString().equals(ANNOTATION)));
            if (stillAnnotated) {
                kept.add(line);
            }
        }
    }

    private void write(String type, Set<String> lines) {
        try {
            FileObject index = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", INDEX_FOLDER + type);
            try (Writer w = index.openWriter()) {
                for (String entry : lines) {
                    w.write(entry);
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + INDEX_FOLDER + type + ": " + e.getMessage());
        }
    }
}
