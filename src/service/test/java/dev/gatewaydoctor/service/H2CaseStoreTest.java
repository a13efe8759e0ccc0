package dev.gatewaydoctor.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default store: an H2 file in the data directory, created on first start, kept across restarts. */
class H2CaseStoreTest extends CaseStoreContract {

    @TempDir
    Path data;

    @Override
    CaseStore open() {
        return CaseStore.open(CaseStore.h2Url(data));
    }

    @Test
    void theFileOutlivesTheStoreAndASecondStartMigratesNothing() {
        var c = new CaseStore.Case("kept", null, Instant.parse("2026-11-30T08:00:00Z"), Instant.parse("2026-11-30T08:00:00Z"), "v1", null,
                "{}", "{}", null);
        try (CaseStore store = open()) {
            store.save(c);
        }
        assertThat(data.resolve("cases.mv.db")).exists();
        try (CaseStore again = open()) {
            assertThat(again.find("kept")).get().isEqualTo(c);
        }
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenIsToldWithTheStore() throws Exception {
        Path file = java.nio.file.Files.writeString(data.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> CaseStore.open(CaseStore.h2Url(file.resolve("below"))))
                .isInstanceOf(CaseStore.CaseStoreException.class).hasMessageContaining("cannot open the case store jdbc:h2:file:");
    }
}
