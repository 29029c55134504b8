#pragma once

#include <vae/types.h>

#include <QString>

class QTextStream;

namespace vae::gui {

/// Writes a run's loss history as one CSV table, header first:
///
///     kind,step,epoch,reconstruction,kl,elbo,beta,learning_rate
///
/// `kind` is `step` for each optimizer step (its batch's mean loss, the β and learning rate it
/// used); `bucket` for the older steps of a long run, summarised (vae::StepHistory::buckets():
/// the means over the steps after the previous row's step up to this row's `step`, `epoch` the
/// last one's); and `train` / `test` for each epoch's summary (the mean over the epoch's steps,
/// and the full test set after it), which follow the epoch's last step. `step` is the global step (for an
/// epoch: the last step before it); `epoch` the fractional epoch at the end of the step or epoch
/// (an epoch cut short by a time budget ends before its number). Losses are in nats per image
/// (the ELBO is negative); epoch rows leave beta and learning_rate empty. Numbers are written in
/// the shortest form that reads back as the same double.
void writeLossHistoryCsv(QTextStream& out, const vae::TrainingHistory& history);

/// writeLossHistoryCsv into `path`, written atomically (QSaveFile). Returns an empty string on
/// success, else a sentence naming the file and the problem.
[[nodiscard]] QString saveLossHistoryCsv(const QString& path, const vae::TrainingHistory& history);

} // namespace vae::gui
