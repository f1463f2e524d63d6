package org.stanzalab.report.html;

/** The pages' one style sheet: system fonts, colours with WCAG AA contrast, each verdict as colour and word. */
final class Styles {
    private Styles() {
    }

    static final String CSS = """
            :root { --fg:#1f2328; --muted:#57606a; --line:#d0d7de; --bg:#ffffff; --soft:#f6f8fa;
              --pass:#116329; --pass-bg:#dafbe1; --fail:#a40e26; --fail-bg:#ffebe9; --imp:#7d4e00; --imp-bg:#fff8c5;
              --err:#6e40c9; --err-bg:#fbefff; --und:#424a53; --und-bg:#eaeef2; }
            * { box-sizing:border-box; }
            [hidden] { display:none !important; }
            body { margin:0; padding:0 2rem 3rem; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
              color:var(--fg); background:var(--bg); }
            code, .transcript { font-family:ui-monospace,SFMono-Regular,"DejaVu Sans Mono",Menlo,Consolas,monospace; font-size:13px; }
            h1 { font-size:1.6rem; margin:1.2rem 0 .4rem; }
            h2 { font-size:1.25rem; margin:2rem 0 .5rem; padding-bottom:.3rem; border-bottom:1px solid var(--line); }
            h3 { font-size:1.05rem; }
            .top { border-bottom:1px solid var(--line); padding-bottom:1rem; }
            .overall { font-size:1.3rem; margin:.4rem 0 .8rem; padding:.7rem 1rem; border-radius:6px; border-left:8px solid; }
            .overall strong { letter-spacing:.05em; margin-right:.4rem; }
            .o-passed.overall { color:var(--pass); background:var(--pass-bg); }
            .o-failed.overall { color:var(--fail); background:var(--fail-bg); }
            .o-error.overall { color:var(--err); background:var(--err-bg); }
            .o-empty.overall { color:var(--und); background:var(--und-bg); }
            .counts { list-style:none; padding:0; margin:0 0 .8rem; display:flex; flex-wrap:wrap; gap:.5rem; }
            .counts li { padding:.25rem .8rem; border-radius:999px; background:var(--soft); border:1px solid var(--line); }
            .counts .n { font-weight:700; font-size:1.1rem; }
            .c-passed { color:var(--pass); } .c-failed { color:var(--fail); } .c-impossible { color:var(--imp); } .c-error { color:var(--err); }
            .counts li.zero { color:var(--muted); }
            .facts { display:flex; flex-wrap:wrap; gap:.3rem 2rem; margin:0; }
            .facts div { display:flex; gap:.4rem; } .facts dt { color:var(--muted); } .facts dd { margin:0; font-weight:600; }
            .notices { background:var(--imp-bg); padding:.2rem 1rem; border-radius:6px; margin-top:1rem; }
            .filters { position:sticky; top:0; z-index:2; display:flex; flex-wrap:wrap; align-items:center; gap:.6rem 1.2rem;
              background:var(--soft); border:1px solid var(--line); border-radius:6px; padding:.6rem 1rem; margin-top:1rem; }
            .filters fieldset { border:0; padding:0; margin:0; display:flex; gap:.4rem; align-items:center; }
            .filters legend { float:left; margin-right:.4rem; font-weight:600; }
            .filters label.b { cursor:pointer; }
            .filters select, .filters input[type=search] { font:inherit; padding:.15rem .4rem; border:1px solid #8c959f; border-radius:4px; }
            .filters output { margin-left:auto; font-weight:600; }
            .note { color:var(--muted); margin:.6rem 0 0; }
            table { border-collapse:collapse; width:100%; }
            th, td { text-align:left; vertical-align:top; padding:.35rem .6rem; border-bottom:1px solid var(--line); }
            thead th { background:var(--soft); font-size:.85rem; color:var(--muted); text-transform:uppercase; letter-spacing:.03em; }
            table.tests { table-layout:fixed; }
            .col-sec { width:7rem; } .col-level { width:6rem; } .col-verdict { width:8rem; }
            td.test { overflow-wrap:anywhere; }
            .spec-counts, .shown { font-size:.85rem; font-weight:400; color:var(--muted); margin-left:.5rem; }
            .b { display:inline-block; padding:0 .55rem; border-radius:4px; font-weight:600; font-size:.85rem; border:1px solid transparent; }
            .b-passed { color:var(--pass); background:var(--pass-bg); } .b-failed { color:var(--fail); background:var(--fail-bg); }
            .b-impossible { color:var(--imp); background:var(--imp-bg); } .b-error { color:var(--err); background:var(--err-bg); }
            .b-undecided, .b-absent { color:var(--und); background:var(--und-bg); }
            tr.o-failed > td:first-child { box-shadow:inset 4px 0 var(--fail); }
            tr.o-impossible > td:first-child { box-shadow:inset 4px 0 #bf8700; }
            tr.o-error > td:first-child { box-shadow:inset 4px 0 var(--err); }
            summary { cursor:pointer; padding:.1rem 0; color:#0969da; }
            .js tr.detail-row summary { display:none; }
            tr.detail-row > td { padding:.2rem .6rem 1rem 1.4rem; background:var(--soft); }
            tr[data-outcome] { scroll-margin-top:6.5rem; }
            .toggle-test { font:inherit; color:#0969da; background:none; border:0; padding:0; text-align:left; cursor:pointer;
              overflow-wrap:anywhere; }
            html:not(.js) .toggle-test { color:inherit; cursor:text; }
            .toggle-test:hover code { text-decoration:underline; }
            .toggle-test:focus-visible { outline:2px solid #0969da; outline-offset:2px; }
            .js .caret::before { content:"▸"; display:inline-block; width:1em; color:var(--muted); }
            .js .toggle-test[aria-expanded=true] .caret::before { content:"▾"; }
            .toggle-test[aria-expanded=true] { font-weight:600; }
            summary:hover code, summary:focus-visible code { text-decoration:underline; }
            summary:focus-visible { outline:2px solid #0969da; outline-offset:2px; }
            details[open] > summary { font-weight:600; margin-bottom:.4rem; }
            .detail { border:1px solid var(--line); border-radius:6px; padding:.6rem .9rem; background:var(--bg); }
            .detail p { margin:.2rem 0 .6rem; }
            .citation { color:var(--muted); }
            .label { display:block; font-size:.8rem; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); margin-top:.3rem; }
            .compare { display:grid; grid-template-columns:1fr 1fr; gap:.8rem; }
            .compare > div { padding:.4rem .7rem; border-radius:4px; }
            .expected { background:var(--pass-bg); } .happened { background:var(--fail-bg); }
            .o-impossible .happened { background:var(--imp-bg); } .o-error .happened { background:var(--err-bg); }
            .hint { border-left:4px solid #0969da; background:#ddf4ff; padding:.3rem .8rem; margin:.6rem 0; border-radius:0 4px 4px 0; }
            .transcript { list-style:none; margin:.3rem 0 0; padding:.4rem; background:#0d1117; color:#e6edf3; border-radius:6px;
              max-height:32rem; overflow:auto; }
            .transcript li { display:grid; grid-template-columns:4.5rem 6.5rem 1.5rem 1fr; gap:.4rem; padding:.1rem 0;
              border-bottom:1px solid #21262d; }
            .transcript .at { color:#8b949e; text-align:right; } .transcript .conn { color:#d2a8ff; }
            .transcript code { white-space:pre-wrap; overflow-wrap:anywhere; color:inherit; font-size:12.5px; }
            .d-sent .dir { color:#79c0ff; } .d-received .dir { color:#7ee787; } .d-note { color:#8b949e; font-style:italic; }
            .sr { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
            a { color:#0969da; }
            .profile h3 { display:flex; gap:.6rem; align-items:center; flex-wrap:wrap; }
            table.rows td.note { min-width:16rem; max-width:28rem; }
            table.rows td.note, table.rows td.deciding { overflow-wrap:anywhere; }
            .source { color:var(--muted); margin-top:-.5rem; }
            footer { margin-top:2.5rem; color:var(--muted); font-size:.85rem; }
            table.matrix td.cell { text-align:center; }
            table.matrix th.group { background:var(--soft); font-size:1rem; padding-top:1rem; }
            table.matrix tfoot td, table.matrix tfoot th { font-weight:600; border-top:2px solid var(--line); font-size:.85rem; }
            tr.differ > th:first-child { box-shadow:inset 4px 0 #bf8700; }
            #only-diff:checked ~ main tr.same { display:none; }
            #only-diff { width:1.2rem; height:1.2rem; margin:1rem .5rem 0 0; vertical-align:middle; cursor:pointer; }
            .toggle { font-weight:600; vertical-align:middle; cursor:pointer; position:relative; top:.5rem; }
            @media print { .filters { display:none; } .transcript { max-height:none; } }
            """;
}
