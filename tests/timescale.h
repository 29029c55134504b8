#pragma once
// A test's own time limits scale with the build, as ctest's do (tests/CMakeLists.txt): sanitized
// builds run 2–4× slower, more on a loaded machine, so a limit that holds in Release is
// timeScale() times longer there. A limit is a hang or latency detector, not a benchmark. No Qt
// and no torch: the core, session and GUI tests all include it.

#include <chrono>

#ifndef VAE_TEST_TIME_SCALE
#define VAE_TEST_TIME_SCALE 1 // a build outside tests/CMakeLists.txt: unscaled
#endif

namespace vae::test {

/// VAE_TEST_TIME_SCALE: 4 in a sanitized build (VAE_SANITIZERS), 1 otherwise.
constexpr int timeScale()
{
    return VAE_TEST_TIME_SCALE;
}

/// A limit in milliseconds for this build (QElapsedTimer, QTRY_*_WITH_TIMEOUT, qWaitFor).
constexpr int scaledMs(int ms)
{
    return ms * timeScale();
}

/// A limit in seconds for this build.
constexpr double scaledSeconds(double seconds)
{
    return seconds * timeScale();
}

/// A limit as a std::chrono duration for this build.
template <typename Rep, typename Period>
constexpr auto scaled(std::chrono::duration<Rep, Period> limit)
{
    return limit * timeScale();
}

} // namespace vae::test
