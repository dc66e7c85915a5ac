// Images imported by components resolve to a fixed path in tests.
module.exports = 'test-file-stub.png';
