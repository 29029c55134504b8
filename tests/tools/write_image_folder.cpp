// write_image_folder: writes MNIST (IDX files) as a folder of PNG files in torchvision's
// ImageFolder layout, OUT/train/<digit>/NNNNN.png and OUT/test/<digit>/NNNNN.png, for the image
// folder benchmark and the CLI test. Uses vae_core's IDX reader and Debian's stb_image_write.
//
// usage: write_image_folder MNIST_DIR OUT [TRAIN_COUNT TEST_COUNT]   (counts: the first N; all)

#include "vae/dataset.h"
#include "vae/errors.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <stb_image_write.h>

namespace {

int writeSet(const std::filesystem::path& images, const std::filesystem::path& labels,
             const std::filesystem::path& out, int limit)
{
    const vae::IdxImages idx = vae::readIdxImages(images);
    const std::vector<std::uint8_t> digits = vae::readIdxLabels(labels);
    const int count = limit > 0 ? std::min(limit, idx.count) : idx.count;
    for (int d = 0; d < 10; ++d)
        std::filesystem::create_directories(out / std::to_string(d));
    const std::size_t perImage = std::size_t(idx.rows) * std::size_t(idx.cols);
    for (int i = 0; i < count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "%05d.png", i);
        const std::filesystem::path file = out / std::to_string(digits[std::size_t(i)]) / name;
        if (!stbi_write_png(file.c_str(), idx.cols, idx.rows, 1,
                            idx.bytes.data() + std::size_t(i) * perImage, idx.cols)) {
            std::fprintf(stderr, "write_image_folder: cannot write %s\n", file.c_str());
            return 1;
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3 && argc != 5) {
        std::fprintf(stderr, "usage: %s MNIST_DIR OUT [TRAIN_COUNT TEST_COUNT]\n", argv[0]);
        return 2;
    }
    const std::filesystem::path mnist = argv[1];
    const std::filesystem::path out = argv[2];
    const int trainCount = argc == 5 ? std::atoi(argv[3]) : 0;
    const int testCount = argc == 5 ? std::atoi(argv[4]) : 0;
    try {
        if (writeSet(mnist / vae::kTrainImagesFile, mnist / vae::kTrainLabelsFile, out / "train",
                     trainCount) != 0 ||
            writeSet(mnist / vae::kTestImagesFile, mnist / vae::kTestLabelsFile, out / "test",
                     testCount) != 0)
            return 1;
    } catch (const vae::Error& e) {
        std::fprintf(stderr, "write_image_folder: %s\n", e.what());
        return 2;
    }
    return 0;
}
