package cli

// style adds ANSI SGR colour when stdout is a terminal and NO_COLOR is not
// set. Plain escape codes keep start-up cheap; stride uses a few colours and
// never red: nothing it shows is a failure.
type style struct{ on bool }

func (s style) sgr(code, v string) string {
	if !s.on || v == "" {
		return v
	}
	return "\x1b[" + code + "m" + v + "\x1b[0m"
}

func (s style) bold(v string) string   { return s.sgr("1", v) }
func (s style) dim(v string) string    { return s.sgr("2", v) }
func (s style) green(v string) string  { return s.sgr("32", v) }
func (s style) yellow(v string) string { return s.sgr("33", v) }
func (s style) cyan(v string) string   { return s.sgr("36", v) }
