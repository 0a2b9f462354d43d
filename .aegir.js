/** @type {import('aegir').PartialOptions} */
export default {
  build: {
    bundle: false
  },
  test: {
    target: ['node']
  },
  lint: {
    // aegir's default list plus scripts/ (the bench); it replaces the default, so it is spelled out.
    // scripts/_*.ts are untracked local scratch files, not part of the package.
    files: [
      '*.{js,ts}',
      'src/**/*.{js,ts}',
      'test/**/*.{js,ts}',
      'scripts/**/*.{js,ts}',
      '!scripts/_*.ts',
      '!**/node_modules/**',
      '!**/dist/**'
    ]
  },
  dependencyCheck: {
    ignore: [
      // the pinned Node.js runtime: npm scripts run it from node_modules/.bin
      'node'
    ],
    // scripts/ (benchmarks, the simulator and topology runners) are development tools, not the package
    productionIgnorePatterns: [
      '/benchmark',
      '/benchmarks',
      '/scripts',
      '/dist',
      '/test',
      '.aegir.js'
    ]
  }
}
