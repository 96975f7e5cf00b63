"""Contract types for import-linter beyond the built-in ones (backend/.importlinter names them).

`layers_of_the_running_app` is the layers contract with an `exclude_modules` option: the modules it names
(the apps' test packages) are taken out of the graph before the layers are checked, so they are not in
the contract's source set at all, instead of having their imports ignored by a wildcard. That is only
sound while nothing of the running app imports a test package; the `tests-stay-outside` contract
(protected) in the same file checks that.
"""

from typing import Any

import grimp
from importlinter import ContractCheck, fields
from importlinter.contracts.layers import LayersContract
from importlinter.domain import helpers


class LayersOfTheRunningAppContract(LayersContract):
    type_name = "layers_of_the_running_app"

    exclude_modules = fields.ListField(subfield=fields.ModuleExpressionField(), required=False)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        expressions: Any = self.exclude_modules or []
        excluded = helpers.module_expressions_to_modules(graph, expressions, as_packages=True)
        for module in excluded:
            # the graph is the contract's own copy (import-linter copies it for every contract)
            if module.name in graph.modules:
                graph.remove_module(module.name)
        return super().check(graph, verbose)
