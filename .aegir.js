/** @type {import('aegir').PartialOptions} */
export default {
  build: {
    bundle: false
  },
  test: {
    target: ['node']
  },
  dependencyCheck: {
    ignore: [
      // the pinned Node.js runtime: npm scripts run it from node_modules/.bin
      'node'
    ]
  }
}
