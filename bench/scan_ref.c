/*
 * Reference C kernel for bench/scan.mjs: the same blocked gather-add scan as
 * strkin's scanRange (src/search/scan.ts), on the same data, so that the JS
 * kernel can be compared with `cc -O3`.
 *
 *   cc -O3 -o scan_ref bench/scan_ref.c
 *   ./scan_ref DIR C F L S K MINLOCI BLOCK
 *
 * DIR holds tables.f64 (F*S doubles), offsets.u16 (C*L), cmask.u32 (C), fmask.u32 (F), finf.u8 (F).
 * Prints: seconds, pairs scored, and a checksum (sum of the per-child best scores).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

static void *slurp(const char *dir, const char *name, size_t bytes) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(1); }
  void *p = malloc(bytes);
  if (fread(p, 1, bytes, f) != bytes) { fprintf(stderr, "short read %s\n", path); exit(1); }
  fclose(f);
  return p;
}

static double offer(double *score, int32_t *id, int base, int count, int K, double s, int who) {
  if (count < K) {
    score[base + count] = s; id[base + count] = who;
    if (count + 1 < K) return -INFINITY;
  } else {
    int w = base;
    for (int i = base + 1; i < base + K; i++)
      if (score[i] < score[w] || (score[i] == score[w] && id[i] > id[w])) w = i;
    if (s < score[w] || (s == score[w] && who > id[w])) return score[w];
    score[w] = s; id[w] = who;
  }
  double worst = INFINITY;
  for (int i = base; i < base + K; i++) if (score[i] < worst) worst = score[i];
  return worst;
}

int main(int argc, char **argv) {
  if (argc < 9) { fprintf(stderr, "usage: scan_ref DIR C F L S K MINLOCI BLOCK\n"); return 2; }
  const char *dir = argv[1];
  int C = atoi(argv[2]), F = atoi(argv[3]), L = atoi(argv[4]), S = atoi(argv[5]), K = atoi(argv[6]), minLoci = atoi(argv[7]), B = atoi(argv[8]);
  double *tables = slurp(dir, "tables.f64", (size_t)F * S * 8);
  uint16_t *off = slurp(dir, "offsets.u16", (size_t)C * L * 2);
  uint32_t *cmask = slurp(dir, "cmask.u32", (size_t)C * 4);
  uint32_t *fmask = slurp(dir, "fmask.u32", (size_t)F * 4);
  uint8_t *finf = slurp(dir, "finf.u8", (size_t)F);
  double *cs = malloc(sizeof(double) * C * K); int32_t *ci = malloc(4 * (size_t)C * K); int *cc = calloc(C, sizeof(int)); double *cw = malloc(sizeof(double) * C); uint8_t *cf = calloc(C, 1);
  double *fs = malloc(sizeof(double) * (size_t)F * K); int32_t *fi = malloc(4 * (size_t)F * K); int *fc = calloc(F, sizeof(int)); double *fw = malloc(sizeof(double) * F); uint8_t *ff = calloc(F, 1);
  for (int c = 0; c < C; c++) cw[c] = -INFINITY;
  for (int f = 0; f < F; f++) fw[f] = -INFINITY;
  double *cscored = calloc(C, sizeof(double)), *fscored = calloc(F, sizeof(double));
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long long scoredPairs = 0;
  for (int fb = 0; fb < F; fb += B) {
    int fe = fb + B < F ? fb + B : F;
    for (int c = 0; c < C; c++) {
      const uint16_t *o = off + (size_t)c * L;
      uint32_t cm = cmask[c];
      for (int f = fb; f < fe; f++) {
        uint32_t m = cm & fmask[f];
        int n = m == fmask[f] ? finf[f] : __builtin_popcount(m);
        if (n < minLoci) continue;
        const double *t = tables + (size_t)f * S;
        double s = 0;
        for (int l = 0; l < L; l++) s += t[o[l]];
        scoredPairs++;
        cscored[c] += 1; fscored[f] += 1;
        if (s > cw[c] || !cf[c]) { int k = cc[c]; cw[c] = offer(cs, ci, c * K, k, K, s, f); if (k < K) { cc[c] = k + 1; if (k + 1 == K) cf[c] = 1; } }
        if (s > fw[f] || !ff[f]) { int k = fc[f]; fw[f] = offer(fs, fi, f * K, k, K, s, c); if (k < K) { fc[f] = k + 1; if (k + 1 == K) ff[f] = 1; } }
      }
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  double check = 0;
  for (int c = 0; c < C; c++) { double best = -INFINITY; for (int i = 0; i < cc[c]; i++) if (cs[c * K + i] > best) best = cs[c * K + i]; check += best; }
  printf("%.6f %lld %.17g\n", secs, scoredPairs, check);
  return 0;
}
