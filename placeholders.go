package main

// Temporary until the import, export, demo and console commands land.

import (
	"context"
	"errors"

	"github.com/spf13/cobra"
)

func newImportCommand(*globalFlags) *cobra.Command { return &cobra.Command{Use: "import"} }
func newExportCommand(*globalFlags) *cobra.Command { return &cobra.Command{Use: "export"} }
func newDemoCommand(*globalFlags) *cobra.Command   { return &cobra.Command{Use: "demo"} }
func runConsole(context.Context, *app, string) error {
	return errors.New("console not built yet")
}
