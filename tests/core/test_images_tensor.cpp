// imagesTensor views a vector of pixels without copying: it must refuse a view the vector cannot
// back (issue 16: it wrapped raw memory without checking the size).
#include "model.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

TEST(ImagesTensor, ViewsTheFirstCountExamplesWithoutCopying)
{
    const std::vector<float> pixels{1, 2, 3, 4, 5, 6};
    const torch::Tensor all = vae::imagesTensor(pixels, 3, 2);
    EXPECT_EQ(all.sizes(), (std::vector<std::int64_t>{3, 2}));
    EXPECT_EQ(all.data_ptr<float>(), pixels.data());
    EXPECT_EQ(all[2][1].item<float>(), 6.0f);
    const torch::Tensor head = vae::imagesTensor(pixels, 2, 2); // a training subset
    EXPECT_EQ(head.size(0), 2);
    EXPECT_EQ(vae::imagesTensor(pixels, 0, 2).numel(), 0);
}

TEST(ImagesTensor, RefusesAViewLargerThanTheVector)
{
    const std::vector<float> pixels(6);
    try {
        (void)vae::imagesTensor(pixels, 4, 2);
        FAIL() << "a view of 8 floats over 6 was made";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(),
                     "imagesTensor: 4 examples of 2 values need 8 floats, the buffer holds 6");
    }
    EXPECT_THROW((void)vae::imagesTensor(pixels, -1, 2), std::invalid_argument);
    EXPECT_THROW((void)vae::imagesTensor(pixels, 1, -6), std::invalid_argument);
    // count · width overflowing int: 65,536 · 65,536 = 2³², not 0.
    EXPECT_THROW((void)vae::imagesTensor(pixels, 65536, 65536), std::invalid_argument);
}
