// Stylesheets have no behaviour to test: every `import './x.css'` gets this.
module.exports = {};
