#pragma once

#include <functional>

namespace vae {

/// Progress of a long computation: called now and then from the thread that called the function
/// with the work done so far and the total (units named by each function). Return false to
/// cancel: the function then stops as soon as it can and says so in its result (a `cancelled`
/// flag). An empty function means "no progress report, never cancel".
using ProgressCallback = std::function<bool(int done, int total)>;

} // namespace vae
