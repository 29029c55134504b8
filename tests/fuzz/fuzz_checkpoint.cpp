// libFuzzer target: the checkpoint reader (core/src/checkpoint_format.cpp, everything
// loadCheckpoint() checks before it allocates the model) on arbitrary bytes. Every input must
// either pass with consistent tensors or throw vae::CheckpointError; any other exception, a crash,
// a sanitizer report, a leak, an allocation above -rss_limit_mb / -malloc_limit_mb or a hang is a
// finding. Use with checkpoint.dict (the safetensors and metadata keywords).

#include "checkpoint_format.h"
#include "fuzz_support.h"
#include "vae/errors.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const vae::fuzz::MemoryFile file(data, size);
    try {
        vae::detail::CheckpointReader reader(file.path());
        const auto expected = vae::detail::expectedTensors(reader.config());
        // A training state adds Adam's two moment tensors.
        VAE_FUZZ_CHECK(reader.tensors().size() ==
                       expected.size() + (reader.trainingState() ? 2 : 0));
        if (const auto& state = reader.trainingState()) {
            VAE_FUZZ_CHECK(state->step == reader.step() && state->epoch >= 1);
            VAE_FUZZ_CHECK(state->stepInEpoch >= 0 && std::isfinite(state->trainedSeconds));
        }
        std::uint64_t covered = 0;
        for (const vae::detail::TensorRange& t : reader.tensors()) {
            VAE_FUZZ_CHECK(t.begin == covered && t.end > t.begin);
            covered = t.end;
            std::size_t elements = 1;
            for (std::int64_t d : t.shape)
                elements *= std::size_t(d);
            VAE_FUZZ_CHECK(elements == t.elements());
            std::vector<float> values(t.elements());
            reader.readTensor(t, values.data());
            for (float v : values)
                VAE_FUZZ_CHECK(std::isfinite(v));
        }
        VAE_FUZZ_CHECK(8 + covered <= size);
    } catch (const vae::CheckpointError&) {
    }
    return 0;
}
