// The dashboard's whole state: the UI is a view of an AppState, read every frame. The app layer
// owns one AppState: it fills `data` from the store (committed records, their evaluation) and
// carries out the Intents the UI leaves in `intents` (save, delete, renew, pick a file, export a
// report, import, sync, ...).
// The UI never writes records itself, so nothing it shows can differ from what is stored.
#pragma once

#include "core/diff.h"
#include "core/engine.h"
#include "core/model.h"
#include "core/planner.h"
#include "core/duplicates.h"
#include "core/rulepack.h"
#include "ui/reports_state.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

struct ImFont;
struct ImFontAtlas;

namespace recert::ui {

enum class Theme { light, dark };
enum class DateStyle { iso, us, europe }; // 2025-03-11, 03/11/2025, 11.03.2025

// The main window's views, one tab each.
enum class View { dashboard, activities, planner, renewal, audit, settings };
inline constexpr int view_count = 6;

// Fonts loaded by load_fonts(); null until then (ImGui's default font is used meanwhile).
// Each has an atlas of its own, so that start-up can build them in separate tasks: body in
// ImGui's (io.Fonts), strong and heading in `extra_atlases` (their textures are the renderer's
// to make; null when the fonts could not be loaded).
struct Fonts {
    ImFont* body = nullptr;    // Inter Regular with icons merged
    ImFont* strong = nullptr;  // Inter SemiBold
    ImFont* heading = nullptr; // Inter SemiBold, large
    static constexpr int extra_count = 2;
    ImFontAtlas* extra_atlases[extra_count] = {nullptr, nullptr}; // strong's, heading's
    int unbuilt = 0; // extra atlases still to build (load_fonts with build_all false)
    // Strong's and heading's fonts while their atlases wait to be built: until then `strong` and
    // `heading` are null and the body font stands in for them.
    ImFont* waiting[extra_count] = {nullptr, nullptr};
    // The extra atlases built so far: extra_atlases[0, built()).
    int built() const { return extra_count - unbuilt; }
    // The font of extra atlas i: strong, then heading.
    ImFont*& extra_font(int i) { return i == 0 ? strong : heading; }
    // True while the body font's atlas holds only the start-up glyphs (load_fonts with build_all
    // false): Latin-1, dashes, quotes and the ellipsis, and the icons. complete_body_font() adds
    // the rest; until then only the loading view may be drawn with it.
    bool body_partial = false;
    int starter_frames = 0; // frames drawn while body_partial (the platform draws only the first so)
    // What complete_body_font() rebuilds the body font from: its files and pixels per CSS pixel.
    std::string body_file, icon_file;
    float body_scale = 1.0f;
};

// The UI scale setting (Settings › Appearance), in percent: fonts and every style size.
inline constexpr int ui_scale_min = 100, ui_scale_max = 200;

struct UiSettings {
    Theme theme = Theme::light;
    DateStyle date_style = DateStyle::iso;
    int ui_scale = 100; // percent, ui_scale_min..ui_scale_max
};

// What the person's system asks for through CSS media queries; the platform layer reads them and
// calls set_display_preferences() (display.h). Not stored: the system's word is taken each visit.
struct DisplayPrefs {
    bool reduced_motion = false; // prefers-reduced-motion: reduce
    bool more_contrast = false;  // prefers-contrast: more
    bool forced_colors = false;  // forced-colors: active
    friend bool operator==(const DisplayPrefs&, const DisplayPrefs&) = default;
};

// What update_display() (display.h) last applied to ImGui's style and font atlas.
struct AppliedDisplay {
    bool styled = false;
    Theme theme = Theme::light;
    bool high_contrast = false, compact = false;
    int accent_rgb = -1;
    float scale = 0.0f;            // the UI scale of the style
    float font_pixels = 0.0f;      // devicePixelRatio of the font atlas (0 = none loaded yet)
    float font_scale = 0.0f;       // UI scale of the font atlas
};

// [SECTION] Data the app layer provides

// What the store reports about the browser's storage, for Settings.
// Where the records are kept (storage::StorageSituation, in the UI's own words) and what the person
// chose when the browser refused storage inside an embedding page.
enum class StorageWhere : std::uint8_t { unknown, first_party, partitioned, blocked, session_only };
enum class StorageChoice : std::uint8_t { none, allow, open_tab, this_visit };

struct StorageStatus {
    StorageWhere where = StorageWhere::unknown;
    StorageChoice choice = StorageChoice::none; // taken by the platform layer, then reset
    bool asking = false;                         // the browser's storage-access prompt is open
    bool partition_notice_dismissed = false;
    bool known = false;
    bool persistent = false;
    std::uint64_t usage = 0;
    std::uint64_t quota = 0;
    std::string backend = "memory"; // "IndexedDB" in the browser
    std::string notice;             // e.g. "Close the other Recert tabs to finish updating"
};

// The person's committed data and everything derived from it. Rebuilt by the app layer after
// every committed change (and at most once a day for `today`); read-only for the UI.
struct DataView {
    bool loaded = false;
    std::string load_error;          // plain words when the store could not be opened
    core::Log log;                   // committed records, as stored
    const core::PackSet* packs = nullptr;
    core::Date today;
    core::Evaluation evaluation;     // evaluate(packs, log.credentials, log.activities, today)
    std::vector<core::PlanItem> plan;
    std::vector<core::DuplicateSuggestion> duplicates;
    std::uint64_t generation = 0;    // bumps whenever anything above changes
};

// A file the person picked (or dropped), validated by the platform: type sniffed, size checked,
// SHA-256 computed. The bytes go to the store with the record that references them.
using PickedFile = core::PickedFile;

enum class FilePurpose : std::uint8_t { activity_evidence, cpr_card, renewal_receipt };

// [SECTION] Intents: what the UI asks the app layer to do

struct SaveCredential {
    core::Credential record;          // record.rev is the revision the form started from (0 = new)
    std::vector<PickedFile> files;    // e.g. the CPR/AED card's file
};
struct DeleteCredential {
    std::string id;
};
struct SaveActivity {
    core::Activity record;            // record.rev is the revision the form started from (0 = new)
    std::vector<PickedFile> files;
};
struct DeleteActivity {
    std::string id;
};
struct UndoDelete {};                 // restores the last deleted record
struct RecordRenewal {
    std::string credential_id;
    core::Date renewed_on;
    core::Money amount;
    std::optional<PickedFile> receipt;
};
struct SaveSettings {};               // persists state.settings
struct SaveProfile {                  // Settings › Profile: the person's name and email
    core::Person person;
};
struct RequestFile {                  // opens the platform's file picker
    FilePurpose purpose = FilePurpose::activity_evidence;
    std::string target_id;            // credential id for cpr_card / renewal_receipt
};
struct OpenEvidence {                 // view/download a stored file
    std::string sha256;
    bool download = false;
};
struct ExportBackup {                 // everything as one file the person keeps
    bool json_only = false;           // false: ZIP with the log and evidence files
};

// Restore from a backup file, in steps: pick the file (the store validates all of it), look at the
// summary for a mode (plan), apply it in one transaction, or cancel (nothing changes).
struct RestoreBackup {
    enum class Step : std::uint8_t { pick, plan, apply, cancel };
    Step step = Step::pick;
    bool replace = false;             // false: merge (default); true: replace everything
    // pick with bytes: read this file (dropped on the page, or from tests) instead of the picker.
    std::string file_name;
    std::vector<std::uint8_t> bytes;
};
// After a save collided with another tab's edit: keep the other version (already shown) or write
// this tab's version over it (a new compare-and-set against the revision now stored).
struct ResolveConflict {
    bool keep_mine = false;
};

// A provider's courses of one kind (core::accreditation_key: that provider, those accrediting bodies)
// count toward a credential of another body (assign), or stop counting there: every course of the
// kind in the log at once, and the courses of that kind that sync brings later.
struct AssignCourseKind {
    std::string activity_id;   // a course of the kind
    std::string credential_id;
    bool assign = true;
};

// What the records controller (app::Controller) carries out.
using RecordIntent = std::variant<SaveCredential, DeleteCredential, SaveActivity, DeleteActivity, UndoDelete,
                                  RecordRenewal, SaveSettings, RequestFile, OpenEvidence, ExportBackup,
                                  RestoreBackup, ResolveConflict, SaveProfile, AssignCourseKind>;

// What the provider-sync controller (app::SyncController) carries out (Settings › Sync).
enum class SyncAction : std::uint8_t {
    save_provider, sign_in, sign_out, sync_now, accept_held, reject_held, queue_self_reports,
    stay_signed_in // arg "1" on, "0" off
};
struct SyncIntent {
    SyncAction action = SyncAction::sync_now;
    std::string arg;              // external id for accept_held / reject_held
};

// The one queue from the UI (AppState::intents): a record change, a report or import request
// (ReportRequest, reports_state.h) or a sync action. The app layer drains it once per frame
// (app::dispatch) and hands each to the controller that carries it out.
template <class Variant, class... More> struct variant_with;
template <class... Ts, class... More> struct variant_with<std::variant<Ts...>, More...> {
    using type = std::variant<Ts..., More...>;
};
using Intent = variant_with<RecordIntent, ReportRequest, SyncIntent>::type;

// [SECTION] Provider sync (issue #7): shown by view_sync.cpp, filled by the app layer's SyncController

struct SyncHeldItem {             // an incoming item that looks like one already recorded
    std::string external_id, title, detail; // detail: "2025-03-01 · 1.5 CEU · ACSM"
    std::string local_title;      // the local activity it resembles
};
struct SyncQueuedItem {
    std::string title;
    std::string refused;          // the provider's reason when it refused it for good
};
// A provider the deployment set up (recert.config.json), offered with its client id.
struct SyncKnownProvider {
    std::string name, address, client_id;
};

struct SyncView {
    bool available = false;       // false: embedded, offline build or no transport
    std::string unavailable_reason;
    std::string base_url, client_id; // edit buffers (saved with SyncAction::save_provider)
    bool configured = false;      // a base URL and client id are saved
    bool signed_in = false;       // an access token is held (in memory only)
    bool can_stay_signed_in = false; // the provider binds tokens to this browser's key (DPoP)
    bool stay_signed_in = false;  // the refresh token is kept on this device (next to the key)
    std::vector<SyncKnownProvider> known; // the deployment's providers
    std::string known_note;       // why the deployment's list was not used ("" = fine or none)
    std::string account;          // the provider's name for the person
    bool running = false;
    float progress = 0.0f;        // 0..1 while running
    std::string step, result, error, last_synced;
    std::vector<SyncHeldItem> held;
    std::vector<SyncQueuedItem> outbox;
    int queueable = 0;            // self-reported activities not yet queued or pushed
    int runs_finished = 0;        // sync runs ended (ok or failed) since start
};

// [SECTION] Dialog and view state (UI-only, never stored)

// Settings › Profile: edit buffers for the person's name and email, filled from the stored profile
// whenever it changes (a save, a restore, another tab) while nothing has been typed since.
struct ProfileForm {
    core::Person edit;
    core::Person loaded;   // the stored profile the buffers were filled from
    bool filled = false;
    bool tried = false;    // Save was pressed: show the problems
};

// The Add / Edit activity form. Text fields are strings edited in place; parsed on validation.
struct ActivityForm {
    bool open = false;
    bool is_new = true;
    core::Activity base;              // the record being edited (rev = revision it started from)
    std::string earned, reported, amount;
    std::string new_session_title, new_session_hours;
    std::vector<PickedFile> new_files;
    bool focus_first = false;
};

struct CredentialForm {
    bool open = false;
    bool is_new = true;
    core::Credential base;
    int body = -1;                    // index into the pack set
    int program = -1;                 // index into that pack's programs
    std::string certified_on, cycle_start, cycle_end, id_number;
    bool cycle_edited = false;        // the person changed the prefilled cycle
    // A field's message shows once the person edited or left it (`touched`; a field left this frame
    // joins from the next, so the layout does not shift under the click that left it), or for every
    // field once Save was pressed (`submitted`). Field names as in core::FieldError.
    std::vector<std::string> touched, touched_next;
    bool submitted = false;
    // Custom program fields.
    std::string custom_name, custom_required, custom_fee;
    int custom_months = 24;
};

struct CprForm {
    bool open = false;
    std::string credential_id;
    std::string issued, expires;
    bool hands_on = true;
    std::optional<PickedFile> file;
};

struct RenewalForm {
    bool open = false;
    std::string credential_id;
    std::string renewed_on, amount;
    std::optional<PickedFile> receipt;
};

struct ActivityFilter {
    std::string text;
    int credential = -1;              // index into credentials, -1 = all
    int status = -1;                  // ActivityStatus, -1 = all
    int year = 0;                     // 0 = all
    int format = -1;                  // Format, -1 = all
};

struct Toast {
    std::string text;
    bool error = false;
    double shown_at = -1.0;           // ImGui time when first drawn
    int count = 1;                    // the same message repeated (shown as "×3")
};

inline constexpr std::size_t max_toasts = 4; // older messages give way to newer ones

// One record two versions disagree on, field by field: `a` is this tab's (or this device's)
// version, `b` the other tab's (or the backup's). A missing side means deleted / not present.
struct RecordDiff {
    std::string kind;                 // "Activity" or "Credential"
    std::string label;                // title, or body and program
    bool a_missing = false, b_missing = false;
    std::vector<core::FieldChange> fields;
};

// The restore dialog, filled by the app layer from the store's restore plan.
struct RestoreDialog {
    enum class Stage : std::uint8_t { closed, reading, summary, applying };
    Stage stage = Stage::closed;
    bool replace = false;             // the mode shown
    bool confirm_replace = false;     // "I understand" ticked (replace only)
    std::string file_name, created;
    std::string error;                // why the file was refused, or why applying failed
    float progress = -1.0f;           // reading: how much of the file is read, 0…1 (-1: unknown)
    std::vector<std::string> added, updated, unchanged, removed; // record labels
    std::vector<RecordDiff> conflicts;
    std::size_t files_added = 0, evidence_missing = 0;
    bool settings_changed = false, person_changed = false;
};

// A save that failed because the same record changed in another tab: both versions.
struct ConflictDialog {
    bool open = false;
    std::vector<RecordDiff> records;  // a = this tab's attempt, b = what is stored now
};

// A commit the app layer is carrying out for the UI.
struct Busy {
    bool active = false;
    std::string label;                // "Saving…"
};

// Whether the page Recert is embedded in may run commands that write to the records or start a
// download. The person answers once per host site (remembered in this browser, changed in
// Settings); a deployment can trust a host outright. The app layer carries out the answer.
struct EmbedConsent {
    enum class Decision : std::uint8_t { ask, allowed, denied };
    std::string host;               // the embedding page's origin, "" when no host page talks to Recert
    Decision decision = Decision::ask;
    bool trusted = false;           // the deployment allows this host without asking
    bool asking = false;            // the question is on screen
    bool answered = false;          // the person just answered or changed it: to be remembered and told
};

struct AppState {
    UiSettings settings;
    Fonts fonts;
    std::string version = "0.1.0";

    DataView data;
    StorageStatus storage;
    std::vector<Intent> intents;      // the one request queue, drained by app::dispatch after each frame
    Busy busy;
    std::vector<Toast> toasts;
    bool can_undo_delete = false;
    std::string undo_label;           // "Activity deleted"
    std::optional<PickedFile> picked; // a file that arrived for `picked_purpose`
    FilePurpose picked_purpose = FilePurpose::activity_evidence;
    std::string picked_target;
    std::string file_error;           // why the last picked file was refused

    // Views and dialogs.
    View view = View::dashboard;
    bool view_changed = false;        // set by openView (embed) so the tab bar follows
    int reveal_sync = 0;              // frames left to scroll Settings to its Sync section (after sign-in)
    bool show_about = false;
    bool show_shortcuts = false;
    ActivityForm activity_form;
    CredentialForm credential_form;
    CprForm cpr_form;
    RenewalForm renewal_form;
    ProfileForm profile;
    ActivityFilter filter;
    std::string selected_activity;    // id of the row whose explanations are shown
    std::string explain_credential;   // credential whose explanations are open (dashboard)
    std::vector<std::string> cart;    // credential ids the person added with Renew
    std::string what_if_hours = "10", what_if_title = "Planned course";
    int what_if_format = 0, what_if_unit = 0;

    DisplayPrefs display;             // set_display_preferences() (display.h)
    // The platform's locale (a BCP 47 tag such as "en-US", set_locale() in display.h) and its date
    // format: typed dates are read in ISO, the chosen format and this one.
    std::string locale;
    DateStyle locale_date_style = DateStyle::iso;
    AppliedDisplay applied_display;   // update_display()'s record

    // Running inside a host page's iframe (?embed=1): hide the chrome the host page provides.
    bool embedded = false;
    EmbedConsent embed_consent;
    int embed_accent_rgb = -1;        // the host page's accent (0xRRGGBB), -1 = Recert's own
    bool embed_compact = false;       // the host asked for a compact layout
    std::optional<core::Date> last_backup; // from the store; Settings and the reminder read it
    bool backup_reminder_due = false; // records exist and the last backup is older than 30 days
    bool backup_reminder_snoozed = false; // "Later" in the banner (this session)
    RestoreDialog restore;
    ConflictDialog conflict;
    // Set when settings changed this frame; the app layer persists them.
    bool settings_dirty = false;
    ReportsUi reports; // transcript, exports, imports, audit packet, finalize (reports_state.h)
    // Provider sync (issue #7): the view's data (what the person asks for goes to `intents`).
    SyncView sync;
};

// Adds a toast message (shown for a few seconds at the bottom of the window).
// The same message again (a bulk import saving one record after another) counts up on the
// newest toast and shows it for longer instead of stacking another line.
inline void notify(AppState& state, std::string text, bool error = false) {
    if (!state.toasts.empty() && state.toasts.back().text == text && state.toasts.back().error == error) {
        ++state.toasts.back().count;
        state.toasts.back().shown_at = -1.0;
        return;
    }
    state.toasts.push_back({std::move(text), error, -1.0, 1});
    if (state.toasts.size() > max_toasts) state.toasts.erase(state.toasts.begin());
}

} // namespace recert::ui
