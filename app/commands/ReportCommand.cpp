// SPDX-License-Identifier: MIT
#include "commands/Cli.h"

#include "commands/Args.h"
#include "commands/RunInput.h"

#include "base/LoadError.h"
#include "base/Parallel.h"
#include "base/SafeName.h"
#include "base/Words.h"
#include "render/GraphExport.h"
#include "render/Picture.h"
#include "render/QtText.h"
#include "writers/AtomicFile.h"
#include "writers/RunReportWriter.h"

#include <QBuffer>
#include <QGuiApplication>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>

namespace atenscope::cli {

namespace {

constexpr const char* kReportHelp = R"(Usage: atenscope report PATH... --out DIR [options]

Report a whole run: every model of a metrics root (one folder per model), folders
of graph dumps, .pt2 archives, traces, or any mix. Writes

  DIR/index.html   one self-contained page: the run's summary, the models table
                   (status, Torch Ops Before / Remain, To/From Device Ops,
                   conversion), what to lower next, every remaining op with its
                   input variations and the models and nodes that use each, and
                   pictures a person can read of each model: an overview (or the
                   whole graph) and the places its ops remain, each captioned
  DIR/report.md    the same tables for GitHub (pictures linked from DIR/images/)
  DIR/report.json  for machines (docs/report-format.md); 'atenscope diff' reads it

Options:
  --out DIR            the folder to write (made when missing)
  --profile NAME|FILE  backend profile for every model (default: chosen per model
                       from its graphs, as 'atenscope analyze' chooses)
  --predict            the graphs were not compiled: predict with the profile
  --baseline PATH      compare with an earlier run (a report.json, or anything
                       this command reads): the page, the Markdown and the JSON
                       then carry the changes since it, per model (better or
                       worse and why) and per op (newly remaining, converted)
  --no-images          no graph pictures (faster on large runs)
  --image-width N      the largest picture width in pixels (default 1600)
  -h, --help           show this help

Exit status: 0 success, 2 bad input or usage (nothing is written then).
The environment variable SOURCE_DATE_EPOCH, when set, fixes the timestamp.
)";

// A model's pictures (docs/pictures.md): per subgraph with remaining ops (the first when none
// has any), an overview or the whole graph, then the places its ops remain, each its own PNG with
// its title and caption drawn above it; at most kModelPixels in all.
constexpr std::size_t kModelPixels = 16'000'000;

std::vector<ReportImage> pictures(const LoadedModel& m, const ModelReport& report, int width) {
    const Profile profile = loadProfile(report.total.profile.empty() ? "generic" : report.total.profile);
    std::vector<std::size_t> drawn;
    for (std::size_t i = 0; i < report.subgraphs.size() && i < m.model.graphs.size(); ++i)
        if (report.subgraphs[i].remaining > 0) drawn.push_back(i);
    if (drawn.empty()) drawn.push_back(0);
    std::vector<ReportImage> out;
    std::size_t pixels = 0;
    const std::string stem = "images/" + safeFileName(m.model.name);
    for (const std::size_t gi : drawn) {
        const Graph& g = m.model.graphs[gi];
        const auto classes = viewClasses(g, profile, report.total.predicted);
        const auto grouped = GroupedLayout::make(g, false);
        PictureRequest request;
        request.width = width;
        request.newOpsOnly = true;  // every op type pictured once; the window and render show the rest
        request.maxPixels = (kModelPixels - std::min(pixels, kModelPixels)) / std::max<std::size_t>(1, drawn.size());
        const QString heading = pictureHeading(m.model, gi, report.total.profile + (report.total.predicted ? " (predicted)" : ""), classes);
        const Picture plan = planPicture({g, classes, grouped.get(), heading}, request);
        for (const PicturePanel& panel : plan.panels) {
            const QImage image = renderPanel(panel, classes);
            pixels += static_cast<std::size_t>(image.width()) * static_cast<std::size_t>(image.height());
            const QByteArray bytes = pngBytes(image);
            ReportImage r;
            r.file = stem + "-" + std::to_string(out.size() + 1) + ".png";
            r.png.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
            r.title =
                (drawn.size() > 1 || m.model.graphs.size() > 1 ? "Subgraph " + (g.name.empty() ? std::to_string(gi) : g.name) + ": " : "") +
                panel.title.toStdString();
            r.caption = panel.caption.toStdString();
            r.ops = panel.ops;
            out.push_back(std::move(r));
        }
        if (!plan.note.isEmpty() && !out.empty()) out.back().caption += " " + plan.note.toStdString();
    }
    return out;
}

}  // namespace

int reportCommand(int argc, char** argv, const std::vector<std::string>& args) {
    std::vector<std::string> paths;
    std::string out, widthText, baselinePath;
    RunOptions ro;
    ro.command = "report";
    bool noImages = false, help = false;
    int width = 1600;
    try {
        ArgParser()
            .flag("--help", &help, "-h")
            .flag("--predict", &ro.predict)
            .flag("--no-images", &noImages)
            .value("--out", &out, "a folder")
            .value("--profile", &ro.profile, "a profile name or file")
            .value("--image-width", &widthText, "a number")
            .value("--baseline", &baselinePath, "a run or a report.json")
            .positionals(&paths)
            .parse(args);
        if (help) {
            std::cout << kReportHelp;
            return 0;
        }
        if (!widthText.empty()) width = static_cast<int>(parseCount("--image-width", widthText, 200, 8000));
        if (paths.empty()) throw UsageError{"no PATH given"};
        if (out.empty()) throw UsageError{"--out DIR is required"};
        if (!baselinePath.empty() && !std::filesystem::exists(baselinePath)) throw UsageError{"'" + baselinePath + "' does not exist"};
    } catch (const UsageError& e) {
        return usageError("report", e.message);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    try {
        // The baseline first: a bad one fails before the drawing starts.
        std::optional<RunReport> before;
        if (!baselinePath.empty()) before = readRunReport(baselinePath, ro);
        const RunInput run = readRun(paths, ro);
        ReportImages images;
        if (!noImages) {
            std::vector<std::size_t> drawn;
            for (std::size_t i = 0; i < run.models.size(); ++i)
                if (!run.models[i].model.graphs.empty()) drawn.push_back(i);
            std::vector<std::vector<ReportImage>> pictured(drawn.size());
            ProgressLine progress("report");
            std::atomic<std::size_t> done{0};
            std::mutex lock;
            forRanges(drawn.size(), 1, [&](std::size_t, std::size_t begin, std::size_t end) {
                for (std::size_t k = begin; k < end; ++k) {
                    pictured[k] = pictures(run.models[drawn[k]], run.reports[drawn[k]], width);
                    std::lock_guard<std::mutex> guard(lock);
                    progress.show("drew " + std::to_string(++done) + " / " + std::to_string(drawn.size()) + " graphs");
                }
            });
            for (std::size_t k = 0; k < drawn.size(); ++k) images[run.models[drawn[k]].model.name] = std::move(pictured[k]);
            // Two model names that make one file name keep apart.
            std::map<std::string, int> taken;
            for (auto& [name, list] : images)
                for (ReportImage& image : list)
                    if (int n = taken[image.file]++; n > 0) image.file.insert(image.file.size() - 4, "-" + std::to_string(n));
        }
        RunReport report = buildRunReport(run.reports, isoTimestampOfBuild());
        report.generator = std::string("atenscope ") + version();
        std::optional<RunDiff> diff;
        ReportBaseline baseline{baselinePath, nullptr};
        if (before) {
            diff = diffRuns(*before, report);
            baseline.diff = &*diff;
        }
        const ReportBaseline* since = diff ? &baseline : nullptr;
        // Everything is made before anything is written.
        const std::string json = runReportToJson(report, images, since).dump(1) + "\n";
        const std::string markdown = runReportMarkdown(report, images, {}, since);
        const std::string page = runReportHtml(report, images, {}, since);
        const std::filesystem::path dir(out);
        // DIR holds the whole new report or the previous one, never a part (a failed or killed
        // run leaves it as it was); a folder holding anything else is not replaced.
        std::vector<std::pair<std::string, std::string_view>> files{{"report.json", json}, {"report.md", markdown}, {"index.html", page}};
        for (const auto& [name, list] : images)
            for (const ReportImage& image : list) files.emplace_back(image.file, image.png);
        writeFolderAtomically(dir, files, [](const std::filesystem::path& p) {
            const std::string s = p.generic_string();
            return s == "index.html" || s == "report.md" || s == "report.json" || s == "images" ||
                   (s.rfind("images/", 0) == 0 && p.extension() == ".png" && s.find('/', 7) == std::string::npos);
        });
        const RunTotals& t = report.totals;
        std::cerr << "wrote " << (dir / "index.html").string() << ", report.md, report.json";
        std::size_t count = 0;
        for (const auto& [name, list] : images) count += list.size();
        if (count) std::cerr << " and " << count << (count == 1 ? " picture" : " pictures");
        std::cerr << ": " << counted(t.models, "model", "models") << " (" << t.converted << " converted, " << t.remainingModels
                  << " with aten ops, " << t.failed << " failed), " << counted(t.remaining, "remaining aten op", "remaining aten ops")
                  << " of " << counted(t.uniqueOps, "kind", "kinds");
        if (diff)
            std::cerr << "; since the baseline " << counted(diff->worseModels(), "model", "models") << " worse, " << diff->betterModels()
                      << " better";
        std::cerr << "\n";
    } catch (const std::exception& e) {
        return inputError("report", e.what());
    }
    return 0;
}

}  // namespace atenscope::cli
