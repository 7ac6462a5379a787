// Registers the gradient functions of every tfjs-core kernel. The Node build of
// @tensorflow/tfjs-core (dist/tf-core.node.js) registers none, and the @tensorflow/tfjs package
// that normally imports this file is not a dependency here. Registration goes to a registry
// shared by every copy of tfjs-core in the process, so importing it more than once is harmless.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
