#pragma once

#include <vae/trainer.h>

namespace vae::gui {

/// Takes what `trainer` published since the last take. When the run has ended (finished, stopped
/// or failed), also joins its thread and merges what it published last, so that no record of the
/// final epoch is lost between this take and the caller's timer stopping.
///
/// The one place that joins a trainer and merges its updates: the session and the comparison
/// window both poll through it.
[[nodiscard]] vae::TrainerUpdate takeTrainerUpdate(vae::Trainer& trainer);

/// Whether `state` ends a run (Finished, Stopped or Failed).
[[nodiscard]] bool isTerminal(vae::TrainerState state);

} // namespace vae::gui
