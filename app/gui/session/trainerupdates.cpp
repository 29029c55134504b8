#include "session/trainerupdates.h"

#include <iterator>
#include <utility>

namespace vae::gui {

namespace {

template <typename T> void append(std::vector<T>& to, std::vector<T>& from)
{
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

} // namespace

bool isTerminal(vae::TrainerState state)
{
    return state == vae::TrainerState::Finished || state == vae::TrainerState::Stopped ||
           state == vae::TrainerState::Failed;
}

vae::TrainerUpdate takeTrainerUpdate(vae::Trainer& trainer)
{
    vae::TrainerUpdate update = trainer.takeUpdate();
    if (!isTerminal(update.state))
        return update;
    // The thread has ended or is ending: join it, then take what it published after the first
    // take (records, the final snapshot, progress, the error).
    trainer.wait();
    vae::TrainerUpdate last = trainer.takeUpdate();
    append(update.steps, last.steps);
    append(update.epochs, last.epochs);
    append(update.changes, last.changes);
    if (last.latent)
        update.latent = std::move(last.latent);
    if (last.progress)
        update.progress = last.progress;
    if (last.error)
        update.error = std::move(last.error);
    update.state = last.state;
    return update;
}

} // namespace vae::gui
