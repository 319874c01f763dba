package main

import (
	"fmt"
	"regexp"
	"strings"
)

// configError is a bad configuration value: it names the variable, and the
// value only when it is not a secret.
type configError struct {
	Var     string
	Problem string
	Err     error // the cause, if any
}

func (e *configError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Var, e.Problem, e.Err)
	}
	return e.Var + ": " + e.Problem
}

func (e *configError) Unwrap() error { return e.Err }

// envFileError is a line of a .env file that cannot be read. It names the
// file, the line and the variable, never the value: a .env holds the token.
type envFileError struct {
	Path    string
	Line    int
	Var     string // "" when the line has no readable name
	Problem string
}

func (e *envFileError) Error() string {
	if e.Line == 0 {
		return e.Path + ": " + e.Problem
	}
	if e.Var == "" {
		return fmt.Sprintf("%s line %d: %s", e.Path, e.Line, e.Problem)
	}
	return fmt.Sprintf("%s line %d: %s: %s", e.Path, e.Line, e.Var, e.Problem)
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)

// findEnvError locates what godotenv refused in a .env file, whose own
// errors quote the file's text, secrets included. It follows godotenv's
// grammar: NAME=value or NAME: value, an optional "export ", comments, and
// single or double quotes that may span lines.
func findEnvError(path string, data []byte) *envFileError {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "export "))
		eq := strings.IndexAny(line, "=:")
		if eq < 0 {
			return &envFileError{Path: path, Line: i + 1, Problem: "not a NAME=value line"}
		}
		name := strings.TrimSpace(line[:eq])
		if !envName.MatchString(name) {
			return &envFileError{Path: path, Line: i + 1, Var: name, Problem: "not a valid variable name (letters, digits and _)"}
		}
		value := strings.TrimLeft(line[eq+1:], " \t")
		if value == "" || (value[0] != '"' && value[0] != '\'') {
			continue
		}
		quote, start, rest := value[0], i, value[1:]
		for !closes(rest, quote) {
			i++
			if i >= len(lines) {
				return &envFileError{Path: path, Line: start + 1, Var: name,
					Problem: fmt.Sprintf("the %s opened here is never closed", quoteName(quote))}
			}
			rest = lines[i]
		}
	}
	return nil
}

// closes reports whether s holds the closing quote (a double quote may be
// escaped with a backslash).
func closes(s string, quote byte) bool {
	for j := 0; j < len(s); j++ {
		switch {
		case quote == '"' && s[j] == '\\':
			j++
		case s[j] == quote:
			return true
		}
	}
	return false
}

func quoteName(q byte) string {
	if q == '"' {
		return "double quote"
	}
	return "single quote"
}
