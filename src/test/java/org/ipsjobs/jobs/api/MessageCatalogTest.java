package org.ipsjobs.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.ipsjobs.jobs.model.LogMessage;
import org.junit.jupiter.api.Test;

class MessageCatalogTest {

    private final MessageCatalog catalog = new MessageCatalog();
    private final LogMessage message = LogMessage.of("item.created", "shoe.jpg", "a|47|1");

    @Test
    void rendersInEnglishByDefaultAndForUnknownLocales() {
        assertThat(catalog.render(message, null)).isEqualTo("shoe.jpg was processed into asset a|47|1.");
        assertThat(catalog.render(message, "en-US")).isEqualTo("shoe.jpg was processed into asset a|47|1.");
        assertThat(catalog.render(message, "fr-FR")).isEqualTo("shoe.jpg was processed into asset a|47|1.");
    }

    @Test
    void rendersInGerman() {
        assertThat(catalog.render(message, "de-DE")).isEqualTo("shoe.jpg wurde als Asset a|47|1 verarbeitet.");
        assertThat(catalog.render(message, "de")).isEqualTo("shoe.jpg wurde als Asset a|47|1 verarbeitet.");
    }

    @Test
    void everyKeyHasAGermanTranslation() {
        java.util.ResourceBundle en = java.util.ResourceBundle.getBundle("org.ipsjobs.jobs.api.messages", java.util.Locale.ROOT);
        java.util.ResourceBundle de = java.util.ResourceBundle.getBundle("org.ipsjobs.jobs.api.messages", java.util.Locale.GERMAN);
        for (String key : en.keySet()) {
            if (key.equals("literal")) {
                continue; // seeded log lines: their text, as given, in every language
            }
            assertThat(de.getString(key)).as(key).isNotEqualTo(en.getString(key));
        }
    }
}
