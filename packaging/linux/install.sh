#!/bin/sh
# Installs ImgCost for the current user: the app in ~/.local/opt/ImgCost, a
# launcher in the menu, its icon, and scenario files (*.imgcost, *.imgcost.json)
# opening with it.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/ImgCost"
mkdir -p "$opt" "$HOME/.local/bin" "$prefix/applications" "$prefix/mime/packages" "$prefix/icons/hicolor/256x256/apps"
cp -R "$here/ImgCost/." "$opt/"
ln -sf "$opt/imgcost-gui" "$HOME/.local/bin/imgcost-gui"
ln -sf "$opt/imgcost" "$HOME/.local/bin/imgcost"
sed "s|^Exec=.*|Exec=$opt/imgcost-gui %f|" "$here/imgcost.desktop" > "$prefix/applications/imgcost.desktop"
cp "$here/imgcost-mime.xml" "$prefix/mime/packages/imgcost.xml"
cp "$here/imgcost.png" "$prefix/icons/hicolor/256x256/apps/imgcost.png"
command -v update-mime-database >/dev/null && update-mime-database "$prefix/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
echo "ImgCost installed. Start it from your applications menu or run: $HOME/.local/bin/imgcost-gui"
echo "The command line is $HOME/.local/bin/imgcost (try: imgcost catalog list)."
