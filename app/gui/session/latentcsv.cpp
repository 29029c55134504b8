#include "session/latentcsv.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>
#include <QTextStream>

#include <charconv>
#include <functional>

namespace vae::gui {

namespace {

// 9 significant digits are enough for any float to read back bit-exact.
constexpr int kFloatDigits = 9;

QString number(float value)
{
    return QString::number(static_cast<double>(value), 'g', kFloatDigits);
}

/// The shortest text that reads back as the same float (std::to_chars' guarantee): 0.1f is "0.1",
/// not "0.100000001".
QLatin1String shortest(float value, char (&buffer)[32])
{
    const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QLatin1String(buffer, result.ptr);
}

/// A CSV field: as it is, or quoted with its quotes doubled when it holds a separator (RFC 4180).
QString csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString cannotWrite(const QString& path, const QString& reason)
{
    return QCoreApplication::translate("vae::gui::LatentCsv", "Cannot write %1: %2")
        .arg(path, reason);
}

/// Runs `write` on a text stream into `path`, through QSaveFile so a failure leaves any existing
/// file untouched.
QString saveText(const QString& path, const std::function<void(QTextStream&)>& write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return cannotWrite(path, file.errorString());
    QTextStream out(&file);
    write(out);
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return cannotWrite(path, file.errorString());
    return {};
}

} // namespace

void writeLatentCsv(QTextStream& out, const vae::LatentSnapshot& snapshot,
                    std::span<const std::string> factorNames)
{
    const vae::Posterior& posterior = snapshot.posterior;
    const int dim = posterior.dim;
    // Factor columns only when every image has one index per named factor.
    const std::size_t factorCount =
        snapshot.factors && !factorNames.empty() &&
                snapshot.factors->size() == std::size_t(posterior.count) * factorNames.size()
            ? factorNames.size()
            : 0;
    out << "index,label,mu1,mu2,sigma1,sigma2";
    for (std::size_t k = 0; k < factorCount; ++k)
        out << ',' << csvField(QString::fromStdString(factorNames[k]));
    out << '\n';
    for (int i = 0; i < posterior.count; ++i) {
        const std::size_t row = static_cast<std::size_t>(i) * static_cast<std::size_t>(dim);
        const int label = i < static_cast<int>(snapshot.labels.size()) ? snapshot.labels[i] : -1;
        out << i << ',' << label << ',' << number(posterior.mu[row]) << ',';
        if (dim > 1)
            out << number(posterior.mu[row + 1]);
        out << ',' << number(posterior.sigma[row]) << ',';
        if (dim > 1)
            out << number(posterior.sigma[row + 1]);
        for (std::size_t k = 0; k < factorCount; ++k)
            out << ',' << int((*snapshot.factors)[std::size_t(i) * factorCount + k]);
        out << '\n';
    }
}

QString saveLatentCsv(const QString& path, const vae::LatentSnapshot& snapshot,
                      std::span<const std::string> factorNames)
{
    return saveText(path, [&](QTextStream& out) { writeLatentCsv(out, snapshot, factorNames); });
}

void writeProjectorVectors(QTextStream& out, const vae::LatentSnapshot& snapshot)
{
    const vae::Posterior& posterior = snapshot.posterior;
    char buffer[32];
    for (int i = 0; i < posterior.count; ++i) {
        const float* row = posterior.mu.data() + std::size_t(i) * std::size_t(posterior.dim);
        for (int k = 0; k < posterior.dim; ++k) {
            if (k > 0)
                out << '\t';
            out << shortest(row[k], buffer);
        }
        out << '\n';
    }
}

void writeProjectorMetadata(QTextStream& out, const vae::LatentSnapshot& snapshot)
{
    out << "index\tlabel\n";
    for (int i = 0; i < snapshot.posterior.count; ++i) {
        const int label = i < static_cast<int>(snapshot.labels.size()) ? snapshot.labels[i] : -1;
        out << i << '\t' << label << '\n';
    }
}

QString saveProjectorFiles(const QString& directory, const vae::LatentSnapshot& snapshot)
{
    QDir dir(directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        return QCoreApplication::translate("vae::gui::LatentCsv", "Cannot create the folder %1.")
            .arg(directory);
    }
    QString error = saveText(dir.filePath(QLatin1String(kProjectorVectorsFile)),
                             [&](QTextStream& out) { writeProjectorVectors(out, snapshot); });
    if (error.isEmpty()) {
        error = saveText(dir.filePath(QLatin1String(kProjectorMetadataFile)),
                         [&](QTextStream& out) { writeProjectorMetadata(out, snapshot); });
    }
    if (error.isEmpty()) {
        // TensorBoard's projector plugin reads this from the log directory; tensor_path lets it
        // take the vectors from the TSV file instead of a TensorFlow checkpoint.
        error = saveText(dir.filePath(QLatin1String(kProjectorConfigFile)), [&](QTextStream& out) {
            out << "embeddings {\n"
                << "  tensor_name: \"vae_posterior_mean\"\n"
                << "  tensor_path: \"" << kProjectorVectorsFile << "\"\n"
                << "  metadata_path: \"" << kProjectorMetadataFile << "\"\n"
                << "}\n";
        });
    }
    return error;
}

} // namespace vae::gui
