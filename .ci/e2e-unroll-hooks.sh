# Hooks for .ci/e2e-tmux.sh driving `unroll lab` on the LSTM reference model (see that script).
e2e_initial_text() { echo "every unit, every gate"; }
e2e_interact() {
    send_keys Right
    expect_screen "t=2/6" "→ steps forward"
    expect_screen "┏t=2" "the chain highlights the cursor's step"
    send_keys c
    expect_screen "clamp a gate" "c opens the clamp editor"
    send_keys Enter
    expect_screen "clamped: input=0@2" "Enter applies the clamp"
    expect_screen "free | clamped" "the free run is shown beside the clamped one"
    send_keys e
    expect_screen "explain: input gate" "e explains the focused number"
    send_keys Escape
    send_keys '?'
    expect_screen "quit, from anywhere" "? opens the help"
    send_keys Escape
}
e2e_check_resized() {
    if [ "$1" -lt 80 ] || [ "$2" -lt 24 ]; then expect_screen "terminal too small" "too-small notice at $1x$2"; fi
}
