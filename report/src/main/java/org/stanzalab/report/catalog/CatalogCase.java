package org.stanzalab.report.catalog;

/** One test case of a feature catalog, as the catalog words it. */
public record CatalogCase(String id, String area, String title, String description, String expected) {
}
