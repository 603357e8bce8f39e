// The transcript / statement of credit: a self-contained, print-styled HTML page per credential and
// cycle (semantic tables with captions and header scopes, the person's name and credential number,
// each counted activity with date, provider, approval number and credits as applied, totals per
// category, the rule pack version, the date produced). All user text is HTML-escaped. It is also the
// accessible (screen-reader) view of the data. Pure; the production date is a parameter.
#pragma once

#include "core/engine.h"
#include "core/model.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

struct TranscriptOptions {
    Date produced;                               // "Produced on"
    std::string app_version;                     // "Recert 0.1.0"
    bool inline_css = true;                      // true: a <style> element (a downloaded file)
    std::string stylesheet_href = "transcript.css"; // inline_css false: <link rel=stylesheet> (strict CSP tab)
    std::vector<std::size_t> credentials;        // indexes into log.credentials; empty = all
};

// The page. `eval` must be evaluate(…, log.credentials, log.activities, …). Credentials without a
// rule pack get a section saying so (no table).
std::string transcript_html(const Log& log, const Evaluation& eval, const TranscriptOptions& options);

// The stylesheet (web/transcript.css, compiled in).
std::string_view transcript_css();

// "8 contact hours", "1 contact hour", "2 CEU": unit words take a plural, abbreviations do not.
std::string amount_with_unit(Credits amount, Unit unit);

// & < > " ' as entities.
std::string html_escape(std::string_view text);

} // namespace recert::core
