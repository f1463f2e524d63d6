package org.stanzalab.report.catalog;

/** How many cases of an area are mapped, pending and not applicable; cases without a valid map row are unaccounted. */
public record AreaCounts(String area, int cases, int mapped, int pending, int notApplicable) {
    public int unaccounted() {
        return cases - mapped - pending - notApplicable;
    }

    AreaCounts plus(AreaCounts other) {
        return new AreaCounts(area, cases + other.cases, mapped + other.mapped, pending + other.pending,
                notApplicable + other.notApplicable);
    }
}
