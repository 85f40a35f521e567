#ifndef FLOWSTA_CSODIUM_SHIM_H
#define FLOWSTA_CSODIUM_SHIM_H
#include <sodium.h>
#endif
