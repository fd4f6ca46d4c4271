// SPDX-License-Identifier: MIT
#include "commands/Cli.h"

#include "commands/Args.h"
#include "commands/RunInput.h"

#include "base/LoadError.h"
#include "base/Parallel.h"
#include "base/SafeName.h"
#include "render/GraphExport.h"
#include "render/QtText.h"
#include "writers/AtomicFile.h"
#include "writers/RunReportWriter.h"

#include <QBuffer>
#include <QGuiApplication>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>

namespace atenscope::cli {

namespace {

constexpr const char* kReportHelp = R"(Usage: atenscope report PATH... --out DIR [options]

Report a whole run: every model of a metrics root (one folder per model), folders
of graph dumps, .pt2 archives, traces, or any mix. Writes

  DIR/index.html   one self-contained page: the run's summary, the models table
                   (status, Torch Ops Before / Remain, To/From Device Ops,
                   conversion), what to lower next, every remaining op with its
                   input variations and the models and nodes that use each, and a
                   picture of each model's graph around its remaining ops
  DIR/report.md    the same tables for GitHub (pictures linked from DIR/images/)
  DIR/report.json  for machines (docs/report-format.md); 'atenscope diff' reads it

Options:
  --out DIR            the folder to write (made when missing)
  --profile NAME|FILE  backend profile for every model (default: chosen per model
                       from its graphs, as 'atenscope analyze' chooses)
  --predict            the graphs were not compiled: predict with the profile
  --no-images          no graph pictures (faster on large runs)
  --image-width N      the largest picture width in pixels (default 1000)
  -h, --help           show this help

Exit status: 0 success, 2 bad input or usage (nothing is written then).
The environment variable SOURCE_DATE_EPOCH, when set, fixes the timestamp.
)";

// The subgraph a report pictures: the one with the most remaining ops (the first when none).
std::size_t pictured(const ModelReport& report, const LoadedModel& m) {
    std::size_t best = 0;
    std::uint64_t most = 0;
    for (std::size_t i = 0; i < report.subgraphs.size() && i < m.model.graphs.size(); ++i)
        if (report.subgraphs[i].remaining > most) {
            most = report.subgraphs[i].remaining;
            best = i;
        }
    return best;
}

ReportImage picture(const LoadedModel& m, const ModelReport& report, int width) {
    const std::size_t gi = pictured(report, m);
    const Graph& g = m.model.graphs[gi];
    const auto drawing = layOut(g, false);
    const Profile profile = loadProfile(report.total.profile.empty() ? "generic" : report.total.profile);
    const auto classes = viewClasses(g, profile, report.total.predicted);
    Highlight h;
    const QRectF region = regionAround(*drawing, classes, NodeClass::Remaining);
    const QImage image = renderGraphRegion(*drawing, classes, h, region, QSize(width, width * 3 / 2));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    ReportImage r;
    r.file = "images/" + safeFileName(m.model.name) + ".png";
    r.png.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    const std::uint64_t remaining = gi < report.subgraphs.size() ? report.subgraphs[gi].remaining : 0;
    r.caption = "Subgraph " + (g.name.empty() ? std::to_string(gi) : g.name) + " of " + std::to_string(m.model.graphs.size()) + ": " +
                std::to_string(remaining) + " remaining aten ops (red) among " + std::to_string(g.nodes.size() - drawing->hiddenCount()) +
                " nodes" + (remaining ? ", the area around them" : "") + "; " + drawing->engine() + " layout.";
    return r;
}

}  // namespace

int reportCommand(int argc, char** argv, const std::vector<std::string>& args) {
    std::vector<std::string> paths;
    std::string out, widthText;
    RunOptions ro;
    ro.command = "report";
    bool noImages = false, help = false;
    int width = 1000;
    try {
        ArgParser()
            .flag("--help", &help, "-h")
            .flag("--predict", &ro.predict)
            .flag("--no-images", &noImages)
            .value("--out", &out, "a folder")
            .value("--profile", &ro.profile, "a profile name or file")
            .value("--image-width", &widthText, "a number")
            .positionals(&paths)
            .parse(args);
        if (help) {
            std::cout << kReportHelp;
            return 0;
        }
        if (!widthText.empty()) width = static_cast<int>(parseCount("--image-width", widthText, 200, 8000));
        if (paths.empty()) throw UsageError{"no PATH given"};
        if (out.empty()) throw UsageError{"--out DIR is required"};
    } catch (const UsageError& e) {
        return usageError("report", e.message);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    try {
        const RunInput run = readRun(paths, ro);
        ReportImages images;
        if (!noImages) {
            std::vector<std::size_t> drawn;
            for (std::size_t i = 0; i < run.models.size(); ++i)
                if (!run.models[i].model.graphs.empty()) drawn.push_back(i);
            std::vector<ReportImage> pictures(drawn.size());
            ProgressLine progress("report");
            std::atomic<std::size_t> done{0};
            std::mutex lock;
            forRanges(drawn.size(), 1, [&](std::size_t, std::size_t begin, std::size_t end) {
                for (std::size_t k = begin; k < end; ++k) {
                    pictures[k] = picture(run.models[drawn[k]], run.reports[drawn[k]], width);
                    std::lock_guard<std::mutex> guard(lock);
                    progress.show("drew " + std::to_string(++done) + " / " + std::to_string(drawn.size()) + " graphs");
                }
            });
            for (std::size_t k = 0; k < drawn.size(); ++k) images[run.models[drawn[k]].model.name] = std::move(pictures[k]);
            // Two model names that make one file name keep apart.
            std::map<std::string, int> taken;
            for (auto& [name, image] : images)
                if (int n = taken[image.file]++; n > 0) image.file.insert(image.file.size() - 4, "-" + std::to_string(n));
        }
        const RunReport report = buildRunReport(run.reports, isoTimestampOfBuild());
        // Everything is made before anything is written.
        const std::string json = runReportToJson(report, images).dump(1) + "\n";
        const std::string markdown = runReportMarkdown(report, images);
        const std::string page = runReportHtml(report, images);
        const std::filesystem::path dir(out);
        for (const auto& [name, image] : images) writeFileAtomically(dir / image.file, image.png);
        writeFileAtomically(dir / "report.json", json);
        writeFileAtomically(dir / "report.md", markdown);
        writeFileAtomically(dir / "index.html", page);
        const RunTotals& t = report.totals;
        std::cerr << "wrote " << (dir / "index.html").string() << ", report.md, report.json";
        if (!images.empty()) std::cerr << " and " << images.size() << (images.size() == 1 ? " picture" : " pictures");
        std::cerr << ": " << t.models << " models (" << t.converted << " converted, " << t.remainingModels << " with aten ops, " << t.failed
                  << " failed), " << t.remaining << " remaining aten ops of " << t.uniqueOps << " kinds\n";
    } catch (const std::exception& e) {
        std::cerr << "atenscope: error: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

}  // namespace atenscope::cli
