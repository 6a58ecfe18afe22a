package dev.harbormaster.catalog;

import dev.harbormaster.command.Suggestions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Did-you-mean among 50,000 look-alike names (svc-0 … svc-49999, as a large organisation's catalog has): the index
 * hands over a few candidates and the one the user meant is among them; the answer says when the catalog is still
 * being imported; input longer than any name gets no suggestion however long it is.
 */
class ServiceNameIndexTest {

    private static final ServiceNameIndex.Snapshot INDEX = ServiceNameIndex.Snapshot.of(1, true, names());

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            names.add("svc-" + i);
        }
        names.addAll(List.of("payments-api", "payments-ledger", "checkout-web"));
        return names;
    }

    @Test
    void aTypoOfOneOf50000LookAlikeNamesFindsIt() {
        assertTrue(Suggestions.didYouMean("svc-1234x", INDEX.similar("svc-1234x", 20))
                .startsWith("Did you mean `svc-1234`,"));
        assertTrue(Suggestions.didYouMean("svc-4O711", INDEX.similar("svc-4O711", 20)).contains("`svc-40711`"));
        assertTrue(Suggestions.didYouMean("paymnts-api", INDEX.similar("paymnts-api", 20))
                .startsWith("Did you mean `payments-api`"));
        assertTrue(Suggestions.didYouMean("ledger", INDEX.similar("ledger", 20)).contains("`payments-ledger`"));
    }

    @Test
    void nothingLikeAnyNameHasNoSuggestion() {
        assertEquals("", Suggestions.didYouMean("zzzzqqqq", INDEX.similar("zzzzqqqq", 20)));
    }

    @Test
    void theNotFoundAnswerSaysAnImportIsRunningAndIgnoresHugeInput() {
        CatalogImportProgress progress = new CatalogImportProgress();
        progress.started();
        progress.folderListed(500);
        for (int i = 0; i < 120; i++) {
            progress.fileRead();
        }
        Catalog catalog = mock(Catalog.class);
        when(catalog.importNotice()).thenAnswer(call -> progress.notice());
        when(catalog.serviceNamesLike("svc-1234x")).thenReturn(INDEX.similar("svc-1234x", 20));
        String during = NotFoundMessage.service(catalog, "svc-1234x", "/platform").text();
        assertTrue(during.contains("Did you mean `svc-1234`"), during);
        assertTrue(during.contains("Catalog import in progress (120 of 500 files): it may not have reached this name "
                + "yet. Try again in a minute."), during);

        progress.ended();
        String after = NotFoundMessage.service(catalog, "svc-1234x", "/platform").text();
        assertTrue(!after.contains("import"), after);

        String huge = "a".repeat(40_000);
        assertEquals(List.of(), new Catalog().serviceNamesLike(huge));
        assertEquals("", Suggestions.didYouMean(huge, List.of("a", "aa", "aaa")));
    }
}
