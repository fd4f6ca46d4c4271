// SPDX-License-Identifier: MIT
#include "render/GraphExport.h"

#include "writers/AtomicFile.h"
#include "writers/PngEncoder.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>

#include <algorithm>
#include <vector>

namespace atenscope {

namespace {

constexpr double kMargin = 24;

struct Frame {
    QSize size;
    double scale;
};

Frame frameFor(const GraphDrawing& d, int width, int maxHeight) {
    const QRectF b = d.bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    double scale = width / b.width();
    if (b.height() * scale > maxHeight) scale = maxHeight / b.height();
    return {QSize(width, std::max(1, static_cast<int>(std::ceil(b.height() * scale)))), scale};
}

void paintFramed(QPainter& p, const GraphDrawing& d, const std::vector<NodeClass>& classes, const Highlight& h, const Frame& f,
                 bool fullDetail) {
    const QRectF b = d.bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    p.fillRect(QRectF(QPointF(0, 0), QSizeF(f.size)), Qt::white);
    p.save();
    p.scale(f.scale, f.scale);
    p.translate(-b.topLeft());
    paintGraph(p, d, classes, h, b, fullDetail);
    p.restore();
    paintLegend(p, QPointF(8, 8));
}

QString csvField(QString s) {
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))) {
        s.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    return s;
}

QString mdField(QString s) {
    return s.replace(QLatin1Char('|'), QStringLiteral("\\|")).replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

}  // namespace

QImage renderGraphImage(const GraphDrawing& d, const std::vector<NodeClass>& classes, const Highlight& h, int width, int maxHeight) {
    const Frame f = frameFor(d, width, maxHeight);
    QImage image(f.size, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&image);
    paintFramed(p, d, classes, h, f, false);
    p.end();
    return image;
}

QImage renderGraphRegion(const GraphDrawing& d, const std::vector<NodeClass>& classes, const Highlight& h, const QRectF& region,
                         QSize maxSize) {
    const QRectF r = region.adjusted(-kMargin, -kMargin, kMargin, kMargin);
    const double scale = std::min({1.0, maxSize.width() / r.width(), maxSize.height() / r.height()});
    const QSize size(std::max(1, static_cast<int>(std::ceil(r.width() * scale))),
                     std::max(1, static_cast<int>(std::ceil(r.height() * scale))));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), Qt::white);
    p.save();
    p.scale(scale, scale);
    p.translate(-r.topLeft());
    paintGraph(p, d, classes, h, r, false);
    p.restore();
    paintLegend(p, QPointF(8, 8));
    p.end();
    return image;
}

QRectF regionAround(const GraphDrawing& d, const std::vector<NodeClass>& classes, NodeClass c) {
    QRectF r;
    for (std::size_t i = 0; i < d.size() && i < classes.size(); ++i)
        if (classes[i] == c && d.shown(i)) r = r.isNull() ? d.box(i) : r.united(d.box(i));
    if (r.isNull()) return d.bounds();
    // Some context around them: their neighbours' rows and columns.
    constexpr double kContext = 160;
    return r.adjusted(-kContext, -kContext, kContext, kContext).intersected(d.bounds());
}

bool writeBytes(const QString& path, const QByteArray& bytes, QString* error) {
    try {
        writeFileAtomically(path.toStdString(), std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), false);
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
}

QByteArray pngBytes(const QImage& image) {
    // Opaque RGB (pictures have a white ground), encoded by the project's own PNG writer
    // (encodePng: two filters tried per row, libdeflate): a report encodes hundreds of pictures,
    // and libpng through Qt spent most of the report's time on them. A 256-colour palette would
    // be smaller still, but its quantized text edges cost OCR a few op names (docs/pictures.md).
    if (image.isNull()) return {};
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const std::string png = encodePng(rgb.constBits(), rgb.width(), rgb.height(), static_cast<std::size_t>(rgb.bytesPerLine()));
    return QByteArray(png.data(), static_cast<qsizetype>(png.size()));
}

bool writeImage(const QString& path, const QImage& image, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool png = suffix.isEmpty() || suffix == QLatin1String("png");
    if (png) {
        const QByteArray bytes = pngBytes(image);
        if (bytes.isEmpty()) {
            if (error) *error = QStringLiteral("%1: cannot encode the image as PNG").arg(path);
            return false;
        }
        return writeBytes(path, bytes, error);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QByteArray format = suffix.toLatin1();
    if (!image.save(&buffer, format.constData())) {
        if (error) *error = QStringLiteral("%1: cannot encode the image as %2").arg(path, QString::fromLatin1(format));
        return false;
    }
    return writeBytes(path, bytes, error);
}

bool writeGraphSvg(const QString& path, const GraphDrawing& d, const std::vector<NodeClass>& classes, const Highlight& h, int width,
                   QString* error) {
    const Frame f = frameFor(d, width, 30000);
    QByteArray bytes;
    QBuffer file(&bytes);
    file.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(f.size);
    svg.setViewBox(QRect(QPoint(0, 0), f.size));
    svg.setTitle(QStringLiteral("AtenScope graph"));
    QPainter p(&svg);
    paintFramed(p, d, classes, h, f, true);
    p.end();
    return writeBytes(path, bytes, error);
}

QString tableToCsv(const QAbstractItemModel& m) {
    // Shares ("15.0%", "97.2 %") go out as numbers, for a spreadsheet; their column says "(%)".
    static const QRegularExpression percent(QStringLiteral("^(-?[0-9]+(?:\\.[0-9]+)?) ?%$"));
    std::vector<bool> percentColumn(static_cast<std::size_t>(m.columnCount()), false);
    for (int c = 0; c < m.columnCount(); ++c)
        for (int r = 0; r < m.rowCount() && !percentColumn[static_cast<std::size_t>(c)]; ++r)
            percentColumn[static_cast<std::size_t>(c)] = percent.match(m.index(r, c).data().toString()).hasMatch();
    QString out;
    QStringList row;
    for (int c = 0; c < m.columnCount(); ++c) {
        const QString title = m.headerData(c, Qt::Horizontal).toString();
        row << csvField(percentColumn[static_cast<std::size_t>(c)] ? title + QStringLiteral(" (%)") : title);
    }
    out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int r = 0; r < m.rowCount(); ++r) {
        row.clear();
        for (int c = 0; c < m.columnCount(); ++c) {
            const QString text = m.index(r, c).data().toString();
            const auto match = percent.match(text);
            row << csvField(percentColumn[static_cast<std::size_t>(c)] && match.hasMatch() ? match.captured(1) : text);
        }
        out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QString tableToMarkdown(const QAbstractItemModel& m) {
    QString out = QStringLiteral("|");
    QString rule = QStringLiteral("|");
    for (int c = 0; c < m.columnCount(); ++c) {
        out += QLatin1Char(' ') + mdField(m.headerData(c, Qt::Horizontal).toString()) + QStringLiteral(" |");
        rule += QStringLiteral("---|");
    }
    out += QLatin1Char('\n') + rule + QLatin1Char('\n');
    for (int r = 0; r < m.rowCount(); ++r) {
        out += QLatin1Char('|');
        for (int c = 0; c < m.columnCount(); ++c) out += QLatin1Char(' ') + mdField(m.index(r, c).data().toString()) + QStringLiteral(" |");
        out += QLatin1Char('\n');
    }
    return out;
}

}  // namespace atenscope
