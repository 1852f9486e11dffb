package importer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/strideapp/stride"
)

// Limits against hostile or broken input. Real exports are far below them:
// ten years of 50 daily habits is 180,000 entries, a few MB of text.
const (
	// MaxFileBytes bounds any file read: a zip archive, a SQLite backup, a
	// harsh habits or log file.
	MaxFileBytes = 128 << 20
	// MaxEntries bounds the entries (files and folders) of a zip archive.
	MaxEntries = 10_000
	// MaxUncompressedBytes bounds what is read out of a zip archive, all
	// entries together, whatever their headers claim.
	MaxUncompressedBytes = 256 << 20
	// MaxLineBytes bounds one line of a text file.
	MaxLineBytes = 64 << 10
	// MaxGoals bounds the habits of one import.
	MaxGoals = 5_000
	// MaxSteps bounds the steps of one import.
	MaxSteps = 2_000_000
)

// FirstDay and LastDay bound the days an import accepts: 1900-01-01 and
// 2999-12-31. stride computes momentum day by day from a goal's start, so
// a typo such as 0025 must not make a goal two thousand years long.
const (
	FirstDay stride.Date = -25567
	LastDay  stride.Date = 376199
)

// CheckDay returns an error when d is outside FirstDay to LastDay.
func CheckDay(d stride.Date) error {
	if d < FirstDay || d > LastDay {
		return fmt.Errorf("the date is outside %s to %s", FirstDay, LastDay)
	}
	return nil
}

// ParseDay reads YYYY-MM-DD within FirstDay to LastDay; the error is a
// sentence for a ParseError's message.
func ParseDay(s string) (stride.Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
	}
	d := stride.DateOf(t)
	if CheckDay(d) != nil {
		return 0, fmt.Errorf("%q is outside %s to %s", s, FirstDay, LastDay)
	}
	return d, nil
}

// CheckZipName returns an error for an archive entry whose name could
// reach outside the folder it is unpacked in or is not plain text: an
// absolute path, a drive letter, a backslash, a ".." element, a control
// character or bytes that are not UTF-8. Stride never unpacks to disk, but
// an archive carrying such a name was not written by the app it claims to
// come from.
func CheckZipName(name string) error {
	switch {
	case name == "":
		return errors.New("an entry has no name")
	case !utf8.ValidString(name):
		return fmt.Errorf("entry %q has a name that is not UTF-8", name)
	case strings.HasPrefix(name, "/"):
		return fmt.Errorf("entry %q has an absolute path", name)
	case strings.Contains(name, `\`):
		return fmt.Errorf("entry %q has a backslash in its path", name)
	case len(name) >= 2 && name[1] == ':':
		return fmt.Errorf("entry %q starts with a drive letter", name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("entry %q has a control character in its name", name)
		}
	}
	for _, el := range strings.Split(name, "/") {
		if el == ".." {
			return fmt.Errorf("entry %q climbs out of the archive with \"..\"", name)
		}
	}
	if c := path.Clean(name); c == "." || strings.HasPrefix(c, "../") {
		return fmt.Errorf("entry %q is not a path inside the archive", name)
	}
	return nil
}

// ErrLineTooLong is returned by a LineReader for a line over MaxLineBytes.
var ErrLineTooLong = fmt.Errorf("a line is longer than %d bytes", MaxLineBytes)

// LineReader passes r through but fails with ErrLineTooLong once a line
// (bytes between two newlines) exceeds max bytes, and counts lines so the
// error can say where. It bounds readers such as encoding/csv, which would
// otherwise grow one record without limit.
type LineReader struct {
	r    io.Reader
	max  int
	cur  int // bytes in the current line so far
	Line int // the line being read, from 1
}

// NewLineReader returns a LineReader over r allowing lines up to max bytes.
func NewLineReader(r io.Reader, max int) *LineReader {
	return &LineReader{r: r, max: max, Line: 1}
}

// Read reads from the underlying reader.
func (l *LineReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			l.cur += n - i
			break
		}
		l.cur += j
		if l.cur > l.max {
			return i + j, ErrLineTooLong
		}
		l.cur = 0
		l.Line++
		i += j + 1
	}
	if l.cur > l.max {
		return n, ErrLineTooLong
	}
	return n, err
}

// Lines calls fn for each line of r, numbered from 1, without its end of
// line (a "\r\n" counts as one) or a leading byte order mark. It stops at
// the first error fn returns, and fails with a ParseError for file when a
// line exceeds MaxLineBytes.
func Lines(r io.Reader, file string, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes+2)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF") // a byte order mark some editors write
		}
		if len(line) > MaxLineBytes {
			return Errorf(file, n, "", "the line is longer than %d bytes", MaxLineBytes)
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	var pe *ParseError
	if errors.As(sc.Err(), &pe) {
		return pe
	} else if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return Errorf(file, n+1, "", "the line is longer than %d bytes", MaxLineBytes)
	} else if sc.Err() != nil {
		return fmt.Errorf("read %s: %w", file, sc.Err())
	}
	return nil
}

// LimitFile returns a reader of at most MaxFileBytes from r, failing with
// a ParseError for file beyond.
func LimitFile(r io.Reader, file string) io.Reader {
	return &limitReader{r: r, n: MaxFileBytes, err: Errorf(file, 0, "", "the file is larger than %d MiB, the most stride imports", MaxFileBytes>>20)}
}

type limitReader struct {
	r   io.Reader
	n   int64
	err error
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// one byte more tells a file of exactly the limit from a longer one
		var b [1]byte
		n, err := l.r.Read(b[:])
		if n > 0 {
			return 0, l.err
		}
		return 0, err
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
