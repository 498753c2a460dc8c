from .index import ProcedureIndexPage
from .procedure import ProcedurePage
from .related import DossierComponent, LegalBasis, ProcedureFee
from .sector import Sector

__all__ = [
    "DossierComponent",
    "LegalBasis",
    "ProcedureFee",
    "ProcedureIndexPage",
    "ProcedurePage",
    "Sector",
]
