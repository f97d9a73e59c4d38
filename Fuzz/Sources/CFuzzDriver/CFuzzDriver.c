// Only the header matters: the function is libFuzzer's, linked by -sanitize=fuzzer.
#include "CFuzzDriver.h"
