# Hooks for .ci/e2e-tmux.sh driving `unroll lab` on the LSTM reference model (see that script).
e2e_initial_text() { echo "every unit, every gate"; }
e2e_interact() {
    send_keys Right
    expect_screen "t=2/6" "→ steps forward"
    expect_screen "┏t=2" "the chain highlights the cursor's step"
    # Motion is on (e2e-tmux.sh unsets UNROLL_NO_MOTION): the flow into t=2 lasts ≤ 300 ms, then stands still.
    sleep 0.5
    check "the flow has ended: no bead left on the chain" bash -c "! tmux -S '$SOCK' capture-pane -p -t e2e | grep -qF '●'"
    send_keys c
    expect_screen "clamp a gate" "c opens the clamp editor"
    send_keys Enter
    expect_screen "clamped: input=0@2" "Enter applies the clamp"
    expect_screen "free | clamped" "the free run is shown beside the clamped one"
    send_keys e
    expect_screen "explain: input gate" "e explains the focused number"
    expect_screen "◂" "the chain marks the token the explanation reads"
    send_keys Escape
    send_keys '?'
    expect_screen "quit, from anywhere" "? opens the help"
    send_keys Escape
}
e2e_check_resized() {
    if [ "$1" -lt 80 ] || [ "$2" -lt 24 ]; then expect_screen "terminal too small" "too-small notice at $1x$2"; fi
}
