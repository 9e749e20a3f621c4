#!/bin/sh
# Installs what ImgCost needs on a fresh machine: the system libraries Qt
# loads (Debian/Ubuntu, via apt-get) and a virtual environment in .venv.
#   sh scripts/setup.sh          the app
#   sh scripts/setup.sh --test   the app and its test tools
#   sh scripts/setup.sh --screenshots
#                                the test tools, and what taking screenshots of the
#                                real window needs (imagemagick's import, xdotool)
set -eu
cd "$(dirname "$0")/.."

extra=""
shots=""
case "${1:-}" in
    --test) extra="[test]" ;;
    --screenshots) extra="[test]"; shots="imagemagick xdotool" ;;
esac

if command -v apt-get >/dev/null 2>&1; then
    pkgs="libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
          fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
          libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1"
    # Tests also check the Linux package's file association (xdg-mime, which
    # needs mimetype from libfile-mimeinfo-perl to read the shared MIME database).
    [ -n "$extra" ] && pkgs="$pkgs xvfb xauth xdg-utils shared-mime-info libfile-mimeinfo-perl"
    [ -n "$shots" ] && pkgs="$pkgs $shots"
    missing=""
    for p in $pkgs; do
        dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "Installing system libraries:$missing"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".$extra"
if [ -n "$extra" ]; then
    # Peer price data the catalog is checked against. LiteLLM without its
    # dependencies is only its price file; genai-prices is small and pure.
    .venv/bin/python -m pip install -q --no-deps "litellm==1.110.2" || \
        .venv/bin/python -m pip install -q --no-deps litellm
fi
echo "ImgCost is installed in .venv"
