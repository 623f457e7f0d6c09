package org.ipsjobs.soap;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import org.ipsjobs.jobs.model.Options;
import org.ipsjobs.jobs.model.Options.Option;

/**
 * Copies between the generated JAXB beans of job-detail elements and the domain's {@link Options}
 * tree, property by property in schema order, under the elements' XML names: text for simple values
 * (written as XML writes them), nested options for beans, a repeated name for each item of a list.
 * The job-detail types differ in hundreds of option fields the service only keeps and reports back,
 * so they are copied generically instead of one mapping per field.
 */
final class OptionsCodec {

    /** One bean class's properties, in schema order. */
    private record Property(String xmlName, Field field) {
    }

    private static final Map<Class<?>, List<Property>> PROPERTIES = new ConcurrentHashMap<>();

    private OptionsCodec() {
    }

    /** The bean's properties as options, leaving out those named in {@code typed} (mapped on their own). */
    static Options read(Object bean, Set<String> typed) {
        List<Option> options = new ArrayList<>();
        for (Property p : properties(bean.getClass())) {
            if (typed.contains(p.xmlName())) {
                continue;
            }
            Object value = get(p.field(), bean);
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    add(options, p.xmlName(), item);
                }
            } else {
                add(options, p.xmlName(), value);
            }
        }
        return new Options(options);
    }

    private static void add(List<Option> options, String name, Object value) {
        if (value == null) {
            return;
        }
        if (isBean(value.getClass())) {
            options.add(Option.nested(name, read(value, Set.of())));
        } else {
            options.add(Option.text(name, text(value)));
        }
    }

    /**
     * Sets the bean's properties from the options. Options the bean's type does not have (a default
     * meant for another version of the type, say) and values that do not parse are left out.
     */
    static <T> T write(Options options, T bean) {
        Map<String, Property> byName = new java.util.HashMap<>();
        for (Property p : properties(bean.getClass())) {
            byName.put(p.xmlName(), p);
        }
        for (Option option : options.entries()) {
            Property p = byName.get(option.name());
            if (p == null) {
                continue;
            }
            Field field = p.field();
            if (List.class.isAssignableFrom(field.getType())) {
                Class<?> itemType = (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
                Object item = value(option, itemType);
                if (item != null) {
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) get(field, bean);
                    if (list == null) {
                        list = new ArrayList<>();
                        set(field, bean, list);
                    }
                    list.add(item);
                }
            } else {
                Object value = value(option, field.getType());
                if (value != null) {
                    set(field, bean, value);
                }
            }
        }
        return bean;
    }

    private static Object value(Option option, Class<?> type) {
        if (option.nested() != null) {
            if (!isBean(type)) {
                return null;
            }
            try {
                return write(option.nested(), type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + type.getSimpleName(), e);
            }
        }
        String text = option.text().trim();
        try {
            if (type == String.class) {
                return option.text();
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true".equals(text) || "1".equals(text);
            }
            if (type == Integer.class || type == int.class) {
                return Integer.valueOf(text);
            }
            if (type == Long.class || type == long.class) {
                return Long.valueOf(text);
            }
            if (type == Double.class || type == double.class) {
                return Double.valueOf(text);
            }
            if (type == Float.class || type == float.class) {
                return Float.valueOf(text);
            }
            if (type == OffsetDateTime.class) {
                return XmlDateTime.parse(text);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static String text(Object value) {
        if (value instanceof OffsetDateTime time) {
            return XmlDateTime.print(time);
        }
        return String.valueOf(value);
    }

    private static boolean isBean(Class<?> type) {
        return type.isAnnotationPresent(XmlType.class);
    }

    private static List<Property> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, OptionsCodec::scan);
    }

    private static List<Property> scan(Class<?> type) {
        Map<String, Field> fields = new java.util.HashMap<>();
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                fields.put(f.getName(), f);
            }
        }
        List<Property> properties = new ArrayList<>();
        XmlType xmlType = type.getAnnotation(XmlType.class);
        for (String javaName : xmlType.propOrder()) {
            Field f = fields.get(javaName);
            if (f == null) {
                continue;
            }
            XmlElement element = f.getAnnotation(XmlElement.class);
            String xmlName = element != null && !"##default".equals(element.name()) ? element.name() : javaName;
            properties.add(new Property(xmlName, f));
        }
        return List.copyOf(properties);
    }

    private static Object get(Field field, Object bean) {
        try {
            return field.get(bean);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field field, Object bean, Object value) {
        try {
            field.set(bean, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
