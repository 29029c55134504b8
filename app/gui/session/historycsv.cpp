#include "session/historycsv.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSaveFile>
#include <QTextStream>

namespace vae::gui {

namespace {

// Step records carry the fractional epoch as (epoch − 1) + steps done / steps per epoch, so the
// last step of an epoch lands on its end up to rounding.
constexpr double kEpochTolerance = 1e-9;

QString number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

void writeLoss(QTextStream& out, const vae::LossTerms& loss)
{
    out << number(loss.reconstruction) << ',' << number(loss.kl) << ',' << number(loss.elbo);
}

void writeEpoch(QTextStream& out, const vae::EpochSummary& summary, std::int64_t lastStep)
{
    const QString end = number(summary.epoch - 1 + summary.fraction);
    out << "train," << lastStep << ',' << end << ',';
    writeLoss(out, summary.train);
    out << ",,\n";
    out << "test," << lastStep << ',' << end << ',';
    writeLoss(out, summary.test);
    out << ",,\n";
}

} // namespace

void writeLossHistoryCsv(QTextStream& out, const vae::TrainingHistory& history)
{
    out << "kind,step,epoch,reconstruction,kl,elbo,beta,learning_rate\n";
    std::size_t nextEpoch = 0;
    std::int64_t lastStep = 0;
    const auto epochEnd = [&](std::size_t i) {
        return history.epochs[i].epoch - 1 + history.epochs[i].fraction;
    };
    // Chronological order: an epoch's summary comes before the first step after it.
    const auto epochsBefore = [&](double epoch) {
        while (nextEpoch < history.epochs.size() && epoch > epochEnd(nextEpoch) + kEpochTolerance)
            writeEpoch(out, history.epochs[nextEpoch++], lastStep);
    };
    for (const vae::StepBucket& bucket : history.steps.buckets()) {
        epochsBefore(bucket.firstEpoch);
        out << "bucket," << bucket.lastStep << ',' << number(bucket.lastEpoch) << ',';
        writeLoss(out, bucket.mean);
        out << ',' << number(bucket.meanBeta) << ',' << number(bucket.meanLearningRate) << '\n';
        lastStep = bucket.lastStep;
    }
    for (const vae::StepRecord& step : history.steps) {
        epochsBefore(step.epoch);
        out << "step," << step.step << ',' << number(step.epoch) << ',';
        writeLoss(out, step.loss);
        out << ',' << number(step.beta) << ',' << number(step.learningRate) << '\n';
        lastStep = step.step;
    }
    while (nextEpoch < history.epochs.size())
        writeEpoch(out, history.epochs[nextEpoch++], lastStep);
}

QString saveLossHistoryCsv(const QString& path, const vae::TrainingHistory& history)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        QTextStream out(&file);
        writeLossHistoryCsv(out, history);
        out.flush();
        if (out.status() == QTextStream::Ok && file.commit())
            return {};
    }
    return QCoreApplication::translate("vae::gui::HistoryCsv", "Cannot write %1: %2")
        .arg(path, file.errorString());
}

} // namespace vae::gui
