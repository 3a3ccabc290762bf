/** Types for scripts/chromium.mjs (imported by playwright.config.ts). */
/**
 * The path of a Chromium executable: $CHROMIUM_PATH / $PLAYWRIGHT_CHROMIUM_EXECUTABLE, else
 * /usr/bin/chromium, else (as root on Debian) installs it; otherwise throws saying what to install.
 */
export declare function findChromium(): string;
