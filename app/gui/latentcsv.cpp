#include "latentcsv.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QTextStream>

namespace vae::gui {

namespace {

// 9 significant digits are enough for any float to read back bit-exact.
constexpr int kFloatDigits = 9;

QString number(float value)
{
    return QString::number(static_cast<double>(value), 'g', kFloatDigits);
}

} // namespace

void writeLatentCsv(QTextStream& out, const vae::LatentSnapshot& snapshot)
{
    const vae::Posterior& posterior = snapshot.posterior;
    const int dim = posterior.dim;
    out << "index,label,mu1,mu2,sigma1,sigma2\n";
    for (int i = 0; i < posterior.count; ++i) {
        const std::size_t row = static_cast<std::size_t>(i) * static_cast<std::size_t>(dim);
        const int label = i < static_cast<int>(snapshot.labels.size()) ? snapshot.labels[i] : -1;
        out << i << ',' << label << ',' << number(posterior.mu[row]) << ',';
        if (dim > 1)
            out << number(posterior.mu[row + 1]);
        out << ',' << number(posterior.sigma[row]) << ',';
        if (dim > 1)
            out << number(posterior.sigma[row + 1]);
        out << '\n';
    }
}

QString saveLatentCsv(const QString& path, const vae::LatentSnapshot& snapshot)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        return QCoreApplication::translate("vae::gui::LatentCsv", "Cannot write %1: %2")
            .arg(path, file.errorString());
    }
    QTextStream out(&file);
    writeLatentCsv(out, snapshot);
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit()) {
        return QCoreApplication::translate("vae::gui::LatentCsv", "Cannot write %1: %2")
            .arg(path, file.errorString());
    }
    return {};
}

} // namespace vae::gui
